"""Front-end views of learning, under /<language>/learning/ (and the lessons' own routes)."""
