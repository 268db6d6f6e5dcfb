// Building the page from data without innerHTML: employer names and messages come from the ledger
// and the server, so every piece of text goes in as a text node.

/** `h('td', {class: 'money'}, '1.000')`: an element with attributes and children (strings or nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces a container's content. */
export function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
}

/**
 * A table whose header cells are given as `{label, className}` and rows as arrays of cells
 * (strings, nodes, or `{text, className}`); wrapped so it scrolls sideways on a phone.
 */
export function table({ caption, columns, rows, footer, className = '' }) {
  const cell = (tag, value, column) => {
    const spec = value !== null && typeof value === 'object' && !(value instanceof Node) ? value : { text: value };
    return h(tag, { class: [column?.className, spec.className].filter(Boolean).join(' ') || undefined }, spec.text ?? '');
  };
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: className || undefined },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.className }, column.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, row.map((value, i) => cell('td', value, columns[i]))))),
      footer ? h('tfoot', {}, h('tr', {}, footer.map((value, i) => cell(i === 0 ? 'th' : 'td', value, columns[i])))) : null,
    ),
  );
}
