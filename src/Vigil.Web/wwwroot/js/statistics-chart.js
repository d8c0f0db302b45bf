// Bar charts beside statistics tables (Platform/Statistics/StatisticsChart.razor): each [data-vigil-chart] figure
// carries its points as JSON (label, value; suppressed cells left out). Drawn with Chart.js in GOV.UK blue and the
// page's font, without animation; the table beside it holds the same figures for everyone, so without JavaScript
// the figure stays hidden and nothing is lost.
(() => {
  if (!window.Chart) {
    return;
  }
  const font = getComputedStyle(document.body).fontFamily;
  for (const figure of document.querySelectorAll('[data-vigil-chart]:not([data-ready])')) {
    const points = JSON.parse(figure.dataset.points);
    figure.dataset.ready = 'true';
    if (points.length === 0) {
      continue;
    }
    figure.hidden = false;
    const canvas = figure.querySelector('canvas');
    canvas.parentElement.style.position = 'relative';
    canvas.parentElement.style.height = `${Math.max(160, 28 * points.length + 40)}px`;
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: points.map((p) => p.label),
        datasets: [{ data: points.map((p) => p.value), backgroundColor: '#1d70b8', borderColor: '#003078', borderWidth: 1 }],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, color: '#0b0c0c', font: { family: font } }, grid: { color: '#b1b4b6' } },
          y: { ticks: { color: '#0b0c0c', font: { family: font } }, grid: { display: false } },
        },
      },
    });
  }
})();
