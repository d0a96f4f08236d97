// "Link to this page" is a plain link to the page's address (copy it from the
// browser's link menu without JavaScript); with JavaScript a click copies it.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.share-copy");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(() => {
    const status = link.parentElement.querySelector(".share-status");
    if (status) status.textContent = " " + link.dataset.copied;
  }, () => { window.location.href = link.href; });
});
