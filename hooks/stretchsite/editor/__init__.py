"""The form editor at `/admin/` (Decap CMS): its configuration, generated from the content
model, and the page that loads it. Editors change content in forms; each change becomes a pull
request that the content check, the tests and the preview judge like any other."""
