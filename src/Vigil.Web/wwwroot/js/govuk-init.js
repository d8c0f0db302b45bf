// GOV.UK Frontend by the fingerprinted address the page gives (App.razor), so it is cached for a year.
// The address is relative to the page's base (<base href="/">); import() would take it as a bare module name.
const { initAll } = await import(new URL(document.body.dataset.govukFrontend, document.baseURI).href);
initAll();

// Buttons that print the page (the policy file). The Content-Security-Policy allows no inline handlers,
// and a listener on the document also serves pages reached by enhanced navigation.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-vigil-print]')) {
    window.print();
  }
});

// Need-to-know group pickers: the filter box (hidden without JavaScript, when every group is simply listed)
// hides the groups whose name does not contain what is typed, and a kind's heading when none of its remain.
for (const filter of document.querySelectorAll('[data-vigil-filter]')) {
  const picker = document.getElementById(filter.dataset.vigilFilter);
  filter.closest('[data-vigil-filter-wrapper]').hidden = false;
  filter.addEventListener('input', () => {
    const term = filter.value.trim().toLowerCase();
    for (const kind of picker.querySelectorAll('[data-vigil-group-kind]')) {
      let shown = 0;
      for (const item of kind.querySelectorAll('.govuk-checkboxes__item')) {
        const match = item.textContent.toLowerCase().includes(term);
        item.hidden = !match;
        shown += match ? 1 : 0;
      }
      kind.hidden = shown === 0;
    }
  });
}
