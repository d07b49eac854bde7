// What the page is playing: evaluates source (compile worker -> JSON graph
// -> worklet), keeps the last good graph, and re-loads it when the tempo
// changes or samples arrive. On any error the previous program plays on.

export class Session {
  constructor({ engine, compiler, editor, ui }) {
    this.engine = engine;
    this.compiler = compiler;
    this.editor = editor;
    this.ui = ui; // { status(text, isError), log(line), taps(names), cps(value), playing(source or null) }
    this.graph = null;
    this.lastError = null;
    this.when = 0;
  }

  async evaluate(source = this.editor.text()) {
    const compiled = await this.compiler.compile(source);
    if (compiled.error) return this.fail(compiled);
    const graph = compiled.graph;
    const loaded = await this.engine.load(graph, this.when);
    if (loaded.error) return this.fail({ error: loaded.error, line: 0, column: 0 });
    this.graph = graph;
    this.lastError = null;
    this.editor.clearError();
    this.ui.cps(graph.cps);
    this.ui.taps([...loaded.outputs, ...loaded.buses]);
    this.ui.playing(source);
    this.ui.status(`playing: ${loaded.outputs.join(', ')} at ${graph.cps} cps`, false);
    return { ok: true, ...loaded };
  }

  // A compile or load error: shown at its position, the old program stays.
  fail(error) {
    this.lastError = error;
    this.editor.showError(error);
    this.ui.status(error.error, true);
    this.ui.log(error.error);
    return error;
  }

  async setCps(cps) {
    if (!this.graph || !(cps > 0)) return;
    this.graph = { ...this.graph, cps };
    const loaded = await this.engine.load(this.graph, this.when);
    if (loaded.error) this.fail({ error: loaded.error, line: 0, column: 0 });
    else this.ui.status(`tempo ${cps} cps`, false);
  }

  // After samples are added, programs loaded afterwards see them.
  async reload() {
    if (this.graph) await this.engine.load(this.graph, 0);
  }

  async silence() {
    await this.engine.silence();
    this.ui.playing(null);
    this.ui.status('silenced', false);
  }

  async graphOf(source) {
    if (source === undefined) return this.graph;
    const compiled = await this.compiler.compile(source);
    if (compiled.error) throw new Error(compiled.error);
    return compiled.graph;
  }
}
