import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();

// Buttons that print the page (the policy file). The Content-Security-Policy allows no inline handlers,
// and a listener on the document also serves pages reached by enhanced navigation.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-vigil-print]')) {
    window.print();
  }
});
