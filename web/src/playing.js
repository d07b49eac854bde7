// Lights the mini-notation steps whose events are sounding. Approximate:
// each string is timed by its own events (`tala events`), so a string under
// `fast`, `every` or `off` lights on its untransformed time. Stops as soon as
// the text is edited, until the next evaluation.
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';

const setPlaying = StateEffect.define();
const mark = Decoration.mark({ class: 'cm-playing' });

export const playingField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) return Decoration.none;
    for (const e of tr.effects) if (e.is(setPlaying)) return e.value;
    return marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// The mini-notation strings of a program (outside comments), each with its
// steps and their document positions.
export function patternStrings(source) {
  const strings = [];
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('--', i) || source.startsWith('//', i)) {
      i = source.indexOf('\n', i);
      if (i < 0) break;
    } else if (source[i] === '"') {
      const end = source.indexOf('"', i + 1);
      if (end < 0) break;
      const text = source.slice(i + 1, end);
      const steps = [...text.matchAll(/[\w#.-]+(?::\d+)?/g)].map((m) => ({
        text: m[0], from: i + 1 + m.index, to: i + 1 + m.index + m[0].length }));
      strings.push({ text, steps });
      i = end;
    }
  }
  return strings;
}

const number = (r) => { const [n, d = 1] = String(r).split('/').map(Number); return n / d; };
const valueText = (v) => (Array.isArray(v) ? v.join(':') : String(v));

export class PlayingSteps {
  // cycleNow() returns the cycle being heard, or null when nothing plays.
  constructor(view, compiler, cycleNow) {
    this.view = view;
    this.compiler = compiler;
    this.cycleNow = cycleNow;
    this.strings = [];
    this.cache = new Map();
    this.shown = '';
    const frame = () => { this.update(); requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  }

  // After an evaluation: the strings of what now plays.
  track(source) {
    this.doc = this.view.state.doc;
    this.strings = patternStrings(source);
    this.cache.clear();
  }

  eventsOf(index, cycle) {
    const key = `${index}:${cycle}`;
    if (!this.cache.has(key)) {
      this.cache.set(key, null);
      this.compiler.events(this.strings[index].text, cycle).then((r) => {
        this.cache.set(key, (r.events || []).map((e) => ({
          begin: number(e.whole[0]), end: number(e.whole[1]), value: valueText(e.value) })));
      });
    }
    return this.cache.get(key);
  }

  update() {
    const cycle = this.cycleNow();
    const live = cycle !== null && this.view.state.doc === this.doc;
    const ranges = [];
    if (live) {
      const whole = Math.floor(cycle);
      this.strings.forEach((s, i) => {
        this.eventsOf(i, whole + 1); // ahead of time
        const events = this.eventsOf(i, whole) || [];
        const sounding = new Set(events.filter((e) => e.begin <= cycle && cycle < e.end).map((e) => e.value));
        for (const step of s.steps) if (sounding.has(step.text)) ranges.push(mark.range(step.from, step.to));
      });
      if (this.cache.size > 64 * Math.max(1, this.strings.length)) this.cache.clear();
    }
    const key = ranges.map((r) => r.from).join(',');
    if (key === this.shown) return;
    this.shown = key;
    this.view.dispatch({ effects: setPlaying.of(Decoration.set(ranges, true)) });
  }
}
