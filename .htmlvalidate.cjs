/*
 * html-validate configuration for the built site (see tests/test_html_validity.py).
 * Every rule that is turned off is listed with the reason; all other recommended rules apply,
 * and one rule is added.
 */
module.exports = {
  extends: ["html-validate:recommended"],
  rules: {
    // Not in the recommended preset: every `for`, `list` and aria-* reference must name an element
    // on the page (the Nu checker also reports a label whose control is missing).
    "no-missing-references": "error",
    // Generated pages come from MkDocs and Material templates whose indentation leaves spaces
    // at line ends. They do not change what the page is or how it is read.
    "no-trailing-whitespace": "off",
    // `<!doctype html>` in lower case is valid HTML5; the rule is about house style.
    "doctype-style": "off",
    // Material's ids such as `__drawer` and `__search` are valid HTML5 ids (any characters but
    // spaces); the rule asks for ids that start with a letter, an HTML4-era recommendation.
    "valid-id": "off",
    // Material's search form has no submit button: results appear while typing, and Enter opens
    // the first result. Its colour palette form and the hidden form that holds the drawer and
    // search toggles (guard.py) submit nothing either. axe-core's checks on every page pass.
    "wcag/h32": "off",
    // Material renders the table of contents twice with the same label: in the phone drawer
    // and in the desktop sidebar. Only one of them is shown at any width.
    "unique-landmark": "off",
    // Python-Markdown writes void elements in XHTML style (`<img ... />`), which HTML5 allows;
    // the rule is about house style.
    "void-style": "off",
  },
};
