// The link chart (Platform/Graph/LinkChartPage.razor): draws the records and links the page was given with
// cytoscape.js, and, on request, expands a record, finds the shortest path between two, filters the links by
// kind, year and grade, and exports the chart as a PNG. Everything drawn comes from /graph/data and
// /graph/path-data, which answer only with what the user may see.
(() => {
  const container = document.querySelector('[data-vigil-chart]');
  if (!container || !window.cytoscape) {
    return;
  }
  const tools = document.querySelector('[data-vigil-chart-tools]');
  const status = document.querySelector('[data-chart-status]');
  tools.hidden = false;

  const colours = { subject: '#1d70b8', 'intelligence-report': '#912b88', investigation: '#00703c', phone: '#505a5f', vehicle: '#505a5f', email: '#505a5f' };
  const grades = ['1A', '1B', '1C', '1D', '1E', '2A', '2B', '2C', '2D', '2E', '3A', '3B', '3C', '3D', '3E'];

  const elementsOf = (view) => [
    ...view.nodes.map((n) => ({ group: 'nodes', data: { id: n.id, label: n.label, type: n.type, href: n.href, on: n.on, grade: n.grade } })),
    ...view.edges.map((e) => ({ group: 'edges', data: { id: `${e.source}|${e.kind}|${e.target}`, source: e.source, target: e.target, kind: e.kind, label: e.label, on: e.on, grade: e.grade } })),
    ...view.restricted.map((r) => ({ group: 'edges', data: { id: `restricted|${r.source}|${r.target}`, source: r.source, target: r.target, kind: 'restricted', label: `restricted link: ask ${r.unit}` } })),
  ];

  const cy = window.cytoscape({
    container,
    elements: elementsOf(JSON.parse(container.dataset.graph)),
    selectionType: 'additive',
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': (n) => colours[n.data('type')] || '#505a5f', color: '#0b0c0c', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 4 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffdd00' } },
      { selector: 'edge', style: { width: 2, 'line-color': '#b1b4b6', label: 'data(label)', 'font-size': 9, color: '#505a5f', 'curve-style': 'bezier' } },
      { selector: 'edge[kind = "restricted"]', style: { 'line-style': 'dashed', 'line-color': '#d4351c', color: '#d4351c' } },
      { selector: '.path', style: { 'line-color': '#ffdd00', 'border-color': '#ffdd00', 'border-width': 4, width: 5 } },
      { selector: '.filtered', style: { display: 'none' } },
    ],
    layout: { name: 'cose', animate: false, randomize: false },
  });
  window.vigilChart = cy;
  container.dataset.ready = 'true';

  const say = (text) => { status.textContent = text; };
  const relayout = () => cy.layout({ name: 'cose', animate: false, randomize: false }).run();
  const add = (view) => {
    const fresh = elementsOf(view).filter((el) => cy.getElementById(el.data.id).empty());
    cy.add(fresh.filter((el) => el.group === 'nodes'));
    cy.add(fresh.filter((el) => el.group === 'edges' && !cy.getElementById(el.data.source).empty() && !cy.getElementById(el.data.target).empty()));
    return fresh.length;
  };
  const fetchView = async (url) => {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(response.status === 404 ? 'That record is not there to expand.' : 'The chart could not be extended. Try again.');
    }
    return response.json();
  };

  document.querySelector('[data-chart-expand]').addEventListener('click', async () => {
    const selected = cy.nodes(':selected');
    if (selected.length !== 1) {
      say('Select one record to expand.');
      return;
    }
    try {
      const added = add(await fetchView(`/graph/data?from=${encodeURIComponent(selected.id())}&depth=1`));
      relayout();
      applyFilters();
      container.dataset.expanded = String(Number(container.dataset.expanded || 0) + 1);
      say(added === 0 ? 'Nothing more that you may see is linked to it.' : `${added} records and links added.`);
    } catch (error) {
      say(error.message);
    }
  });

  document.querySelector('[data-chart-path]').addEventListener('click', async () => {
    const selected = cy.nodes(':selected');
    if (selected.length !== 2) {
      say('Select two records (hold Shift) to find the shortest path between them.');
      return;
    }
    try {
      const path = await fetchView(`/graph/path-data?from=${encodeURIComponent(selected[0].id())}&to=${encodeURIComponent(selected[1].id())}`);
      cy.elements().removeClass('path');
      if (path.nodes.length === 0) {
        say('No path links them within five steps among what you may see.');
        return;
      }
      add(path);
      relayout();
      path.nodes.forEach((n) => cy.getElementById(n.id).addClass('path'));
      path.edges.forEach((e) => cy.getElementById(`${e.source}|${e.kind}|${e.target}`).addClass('path'));
      say(`Shortest path: ${path.nodes.map((n) => n.label).join(' to ')}.`);
    } catch (error) {
      say(error.message);
    }
  });

  document.querySelector('[data-chart-png]').addEventListener('click', () => {
    const blob = cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'link-chart.png';
    document.body.appendChild(link);
    link.click();
    link.remove();
    say('The chart was exported as link-chart.png.');
  });

  cy.on('dbltap', 'node', (event) => {
    const href = event.target.data('href');
    if (href) {
      window.location.assign(href);
    }
  });

  const kinds = document.querySelector('[data-chart-kinds]');
  const fromYear = document.querySelector('[data-chart-from]');
  const toYear = document.querySelector('[data-chart-to]');
  const grade = document.querySelector('[data-chart-grade]');
  // A link shows when its kind is ticked, its date (if it has one) is within the years, and its grade (if it has
  // one) is as good as the one chosen (1 before 3, A before E).
  const applyFilters = () => {
    const shown = new Set([...kinds.querySelectorAll('input:checked')].map((i) => i.value));
    const from = Number(fromYear.value) || 0;
    const to = Number(toYear.value) || 9999;
    const least = grade.value;
    const good = (g) => !least || !g || !grades.includes(g) || (g[0] <= least[0] && g[1] <= least[1]);
    cy.edges().forEach((e) => {
      const year = e.data('on') ? Number(String(e.data('on')).slice(0, 4)) : null;
      const keep = shown.has(e.data('kind')) && (year === null || (year >= from && year <= to)) && good(e.data('grade'));
      e.toggleClass('filtered', !keep);
    });
    cy.nodes().forEach((n) => n.toggleClass('filtered', n.data('type') === 'intelligence-report' && !good(n.data('grade'))));
  };
  [kinds, fromYear, toYear, grade].forEach((control) => control.addEventListener('change', applyFilters));
  fromYear.addEventListener('input', applyFilters);
  toYear.addEventListener('input', applyFilters);
})();
