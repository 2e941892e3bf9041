// Runs before Decap's bundle: preview.js starts the editor once its previews are registered.
window.CMS_MANUAL_INIT = true;
