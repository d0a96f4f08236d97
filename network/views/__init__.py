"""Front-end views of the network; every member-owned object is looked up with its owner."""
