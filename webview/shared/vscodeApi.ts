/** The one handle a webview has on VS Code: posting messages and the state kept across reloads of the panel. */
interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

let api: VsCodeApi<unknown> | null = null;

export function vscodeApi<S>(): VsCodeApi<S> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<S>;
}

/** Listens for messages from the extension, passing on only those `parse` accepts (the rest are dropped with a console warning). */
export function onMessage<M>(parse: (x: unknown) => M, handle: (m: M) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    let message: M;
    try {
      message = parse(event.data);
    } catch (e) {
      console.warn(`BERT Studio: ignored a malformed message: ${(e as Error).message}`);
      return;
    }
    handle(message);
  });
}

/** Creates an element with attributes and children; text children are set as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    // The webviews' CSP drops style attributes; styles set in code go through the CSSOM instead.
    if (k === 'style') throw new Error('h(): set element.style in code, not a style attribute (the CSP drops it)');
    el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}
