// Syntax highlighting for tala: comments, mini-notation strings, numbers,
// bus names (`d1:` and `~lfo`), the operators `#` and `$`.
import { StreamLanguage, HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const KEYWORDS = new Set(['cps', 'bpm']);

const tala = {
  name: 'tala',
  startState: () => ({}),
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('--') || stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.peek() === '"') {
      stream.next();
      while (!stream.eol() && stream.next() !== '"');
      return 'string';
    }
    if (stream.match(/^~[A-Za-z_][\w']*/)) return 'variableName.special';
    if (stream.sol() && stream.match(/^[A-Za-z_][\w']*(?=\s*:)/)) return 'labelName';
    if (stream.match(/^-?\d+(\.\d+)?(e-?\d+)?/)) return 'number';
    if (stream.match(/^[#$]/)) return 'operatorKeyword';
    if (stream.match(/^[+\-*/.<>=]/)) return 'operator';
    if (stream.match(/^[A-Za-z_][\w']*/)) {
      return KEYWORDS.has(stream.current()) ? 'keyword' : 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '--' } },
};

export const talaLanguage = StreamLanguage.define(tala);

export const talaHighlight = HighlightStyle.define([
  { tag: t.comment, color: '#7a8599', fontStyle: 'italic' },
  { tag: t.string, color: '#e6b450' },
  { tag: t.number, color: '#d2a6ff' },
  { tag: t.labelName, color: '#59c2ff', fontWeight: 'bold' },
  { tag: t.special(t.variableName), color: '#95e6cb' },
  { tag: t.operator, color: '#f29668' },
  { tag: [t.keyword, t.operatorKeyword], color: '#ff8f40', fontWeight: 'bold' },
  { tag: t.variableName, color: '#bfbdb6' },
]);
