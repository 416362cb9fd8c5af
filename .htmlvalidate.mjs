// html-validate's settings for the built site (test/site.test.ts lints one page of every kind;
// `npx html-validate dist` lints them all). Every rule of the recommended preset applies, except:
export default {
  extends: ['html-validate:recommended'],
  rules: {
    // HTML allows any id without white space. Ours are the journal's own ids and dates, used as
    // URL fragments (#2026-S12, #2026-04-17-dispatch-outage), never as CSS selectors.
    'valid-id': ['error', { relaxed: true }],
    // A progress bar carries a second marker, the expected pace, which <progress> cannot show; it
    // is a div with role="progressbar" and the ARIA values instead.
    'prefer-native-element': ['error', { exclude: ['progressbar'] }],
    // A bar's length and the pace marker's position are data, set per element; everything else is
    // in the stylesheet.
    'no-inline-style': ['error', { allowedProperties: ['width', 'left'] }],
  },
};
