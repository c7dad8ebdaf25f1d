// The setup page's time estimate: asked for with a button (measuring takes a few training steps), shown for the
// form it measured and dropped as soon as the form changes; over 30 minutes it offers the faster ways as buttons.
import { h } from '../shared/vscodeApi';
import type { SetupForm } from '../../extension/shared/protocol/setup';
import { EtaFromSetup, EtaToSetup, sameForm } from '../../extension/shared/protocol/setupEta';
import { Estimate, EtaOption, aboutDuration, etaOffers } from '../../extension/shared/training/eta';

export interface EtaPage {
  form(): SetupForm | null;
  /** A valid form in a trusted workspace. */
  canEstimate(): boolean;
  post(m: EtaFromSetup): void;
  /** Switches the form (mode, model) as if the person had chosen it. */
  apply(changes: Partial<SetupForm>): void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'running'; form: SetupForm; progress: string }
  | { kind: 'done'; form: SetupForm; estimate: Estimate }
  /** An offer taken: the form is now that option's, and its estimate stays shown. */
  | { kind: 'taken'; form: SetupForm; option: EtaOption; label: string }
  | { kind: 'error'; form: SetupForm; message: string };

const modelName = (model: string) => model.split(/[\\/]/).filter(Boolean).pop() ?? model;

export class EtaSection {
  private state: State = { kind: 'idle' };
  private readonly el = h('div', { class: 'eta', id: 'eta' });

  constructor(private readonly page: EtaPage) {}

  element(): HTMLElement {
    this.draw();
    return this.el;
  }

  /** Any change of the form makes an estimate of another form stale: it is dropped (and stopped if running). */
  formChanged(form: SetupForm): void {
    if (this.state.kind !== 'idle' && !sameForm(this.state.form, form)) {
      if (this.state.kind === 'running') this.page.post({ type: 'estimateCancel' });
      this.state = { kind: 'idle' };
    }
    this.draw();
  }

  receive(m: EtaToSetup): void {
    const s = this.state;
    if (s.kind !== 'running') return;
    if (m.type === 'estimateProgress') this.state = { ...s, progress: m.message };
    else if (!sameForm(m.form, s.form)) return;
    else if (m.type === 'estimate') this.state = { kind: 'done', form: s.form, estimate: m.estimate };
    else this.state = { kind: 'error', form: s.form, message: m.message };
    this.draw();
  }

  private start(): void {
    const form = this.page.form();
    if (!form || !this.page.canEstimate()) return;
    this.state = { kind: 'running', form, progress: 'starting the engine' };
    this.page.post({ type: 'estimate', form });
    this.draw();
  }

  private cancel(): void {
    this.page.post({ type: 'estimateCancel' });
    this.state = { kind: 'idle' };
    this.draw();
  }

  private take(form: SetupForm, option: EtaOption, label: string): void {
    const changes: Partial<SetupForm> = { mode: option.mode, model: option.model };
    this.state = { kind: 'taken', form: { ...form, ...changes }, option, label };
    this.page.apply(changes);
  }

  private draw(): void {
    const s = this.state;
    const running = s.kind === 'running';
    const button = h(
      'vscode-button' as 'button',
      {
        secondary: '',
        id: 'estimate-time',
        ...(running || this.page.canEstimate() ? {} : { disabled: '' }),
      },
      running ? 'Cancel Estimate' : 'Estimate Time',
    );
    button.addEventListener('click', () => (running ? this.cancel() : this.start()));
    this.el.replaceChildren(button, ...this.body(s));
  }

  private body(s: State): HTMLElement[] {
    switch (s.kind) {
      case 'idle':
        return [h('p', { class: 'hint', id: 'eta-line' }, 'Measures a few training steps on this machine.')];
      case 'running':
        return [h('p', { class: 'hint', id: 'eta-line', role: 'status' }, `Measuring… ${s.progress}`)];
      case 'error':
        return [h('p', { class: 'error', id: 'eta-line', role: 'alert' }, `No estimate: ${s.message}`)];
      case 'taken':
        return [h('p', { class: 'facts', id: 'eta-line' }, line(s.label, s.option))];
      case 'done': {
        const { full, frozen } = s.estimate;
        const lines = [h('p', { class: 'facts', id: 'eta-line' }, line('Full fine-tune', full))];
        if (s.form.mode === 'frozen' && frozen)
          lines.push(h('p', { class: 'facts', id: 'eta-frozen' }, line('Frozen encoder (chosen)', frozen)));
        const offers = etaOffers(s.estimate);
        if (!offers.length) return lines;
        const buttons = offers.map((o) => {
          const label = o.mode === 'frozen' ? 'Frozen encoder' : modelName(o.model);
          const b = h(
            'vscode-button' as 'button',
            { id: `eta-take-${o.mode === 'frozen' ? 'frozen' : 'smaller'}`, title: o.basis },
            `${label} — ${aboutDuration(o.seconds)}`,
          );
          b.addEventListener('click', () => this.take(s.form, o, label));
          return b;
        });
        return [
          ...lines,
          h(
            'div',
            { class: 'callout', id: 'eta-offers', role: 'note' },
            h('p', {}, 'That is a long run on this machine. Faster ways to a model:'),
            ...buttons,
          ),
        ];
      }
    }
  }
}

/** "Full fine-tune: about 2 h 10 min on this machine (measured 3 steps)". */
function line(label: string, o: EtaOption): string {
  return `${label}: ${aboutDuration(o.seconds)} on this machine (${o.basis})`;
}
