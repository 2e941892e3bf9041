/*
 * html-validate configuration for the built site (see tests/test_html_validity.py).
 * Every rule that is turned off is listed with the reason; all other recommended rules apply.
 */
module.exports = {
  extends: ["html-validate:recommended"],
  rules: {
    // Generated pages come from MkDocs and Material templates whose indentation leaves spaces
    // at line ends. They do not change what the page is or how it is read.
    "no-trailing-whitespace": "off",
    // `<!doctype html>` in lower case is valid HTML5; the rule is about house style.
    "doctype-style": "off",
    // Material's ids such as `__drawer` and `__search` are valid HTML5 ids (any characters but
    // spaces); the rule asks for ids that start with a letter, an HTML4-era recommendation.
    "valid-id": "off",
    // Material puts autocomplete="off" on its drawer and search toggle checkboxes so browsers
    // do not restore them open after "back"; harmless, and outside our templates.
    "valid-autocomplete": "off",
    // Material's search form has no submit button: results appear while typing, and Enter opens
    // the first result. axe-core's accessibility checks on every page pass with it.
    "wcag/h32": "off",
    // Material renders the table of contents twice with the same label: in the phone drawer
    // and in the desktop sidebar. Only one of them is shown at any width.
    "unique-landmark": "off",
    // Python-Markdown writes void elements in XHTML style (`<img ... />`), which HTML5 allows;
    // the rule is about house style.
    "void-style": "off",
  },
};
