// Bar charts drawn with Chart.js, served from node_modules by the dashboard controller (no CDN:
// the offices are offline). Heights are plotted in millions of đồng; labels and tooltips show
// the exact figures formatted from the strings. Every chart has a table of its figures next to it.

const charts = new Map();

const PALETTE = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#0a7ea4'];

/** Draws (or redraws) a bar chart in `canvas`; `tooltips[i]` is the exact text of bar i. */
export function barChart(canvas, { labels, values, tooltips, axisLabel, colors, locale }) {
  charts.get(canvas.id)?.destroy();
  charts.delete(canvas.id);
  const Chart = globalThis.Chart;
  if (!Chart) return;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [{ data: values, backgroundColor: colors ?? PALETTE[0], borderRadius: 3, maxBarThickness: 42 }],
    },
    options: {
      animation: false,
      locale,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => tooltips[item.dataIndex] } },
      },
      scales: {
        x: { ticks: { autoSkip: true, maxRotation: 0 } },
        y: { beginAtZero: true, title: { display: true, text: axisLabel } },
      },
    },
  });
  charts.set(canvas.id, chart);
}

export const BUCKET_COLORS = ['#8c959f', '#bf8700', '#e16f24', '#cf222e', '#6e40c9'];
