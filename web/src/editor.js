// The CodeMirror 6 editor: tala highlighting, Ctrl/Cmd+Enter evaluates,
// Ctrl+. silences, a compile error shows as a diagnostic at its position.
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { talaLanguage, talaHighlight } from './tala_mode.js';
import { playingField } from './playing.js';

// The document range an error at line:column (1-based, 0 = unknown) marks:
// the word starting there, or one character.
export function errorRange(doc, line, column) {
  if (!line) return { from: 0, to: Math.min(doc.length, doc.line(1).to) };
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = Math.min(l.from + Math.max(column, 1) - 1, l.to);
  const word = /^[\w~"'.]+/.exec(l.text.slice(from - l.from));
  const to = Math.min(l.to, from + (word ? word[0].length : 1));
  return { from, to: Math.max(to, Math.min(from + 1, l.to)) };
}

export function createEditor(parent, { text, onEvaluate, onSilence }) {
  const keys = Prec.highest(keymap.of([
    { key: 'Mod-Enter', run: () => { onEvaluate(); return true; } },
    { key: 'Shift-Enter', run: () => { onEvaluate(); return true; } },
    { key: 'Mod-.', run: () => { onSilence(); return true; } },
  ]));
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        keys,
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        lintGutter(),
        talaLanguage,
        syntaxHighlighting(talaHighlight),
        playingField,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'monospace' },
          '.cm-playing': { background: '#59c2ff55', borderRadius: '2px' } }, { dark: true }),
      ],
    }),
  });

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(doc) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
    },
    showError({ error, line, column }) {
      const { from, to } = errorRange(view.state.doc, line, column);
      view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message: error }]));
    },
    clearError() { view.dispatch(setDiagnostics(view.state, [])); },
    focus() { view.focus(); },
  };
}
