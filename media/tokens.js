// Tokens preview: renders the chips the extension sends; accepts only well-formed 'tokens' messages.
(function () {
  const summary = document.getElementById('summary');
  const chips = document.getElementById('chips');
  const isChip = (c) => c && typeof c.text === 'string' && Number.isInteger(c.id) && typeof c.kind === 'string';
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'tokens' || !m.view || !Array.isArray(m.view.chips) || !m.view.chips.every(isChip)) return;
    const view = m.view;
    summary.textContent = `${m.model} · ${view.chips.filter((c) => c.attention === 1).length} tokens` +
      (view.truncatedAt !== null ? ` · truncated at ${view.truncatedAt} of ${view.total} (max_length ${m.maxLength})` : '');
    chips.replaceChildren();
    view.chips.forEach((c, i) => {
      const el = document.createElement('span');
      el.className = `chip ${c.kind} segment-${c.segment}`;
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = c.kind === 'piece' ? `##${c.text}` : c.text;
      const id = document.createElement('span');
      id.className = 'id';
      id.textContent = String(c.id);
      el.append(text, id);
      el.title = c.chars ? `characters ${c.chars[0]}–${c.chars[1]}: "${m.text.slice(c.chars[0], c.chars[1])}" · segment ${c.segment} · mask ${c.attention}` : `${c.text} · segment ${c.segment}`;
      chips.append(el);
      if (view.truncatedAt !== null && i === view.truncatedAt - 1) {
        const cut = document.createElement('span');
        cut.className = 'cut';
        cut.textContent = '✂ truncated';
        chips.append(cut);
      }
    });
  });
})();
