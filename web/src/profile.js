// The "profile" button: the evaluated program's time per node, rendered
// offline in the compile worker (tala_profile) and shown as a table, largest first.

const BLOCKS = 1500; // 4 s at 48 kHz in 128-frame blocks

function cell(text, numeric = false) {
  const td = document.createElement('td');
  td.textContent = text;
  if (numeric) td.className = 'num';
  return td;
}

function showTable(table, profile) {
  const head = document.createElement('tr');
  for (const name of ['node', 'type', 'stage', 'µs/block', 'share']) {
    const th = document.createElement('th');
    th.textContent = name;
    head.append(th);
  }
  const rows = profile.nodes.map((n) => {
    const tr = document.createElement('tr');
    const share = profile.total_us > 0 ? (100 * n.us) / profile.total_us : 0;
    tr.append(cell(n.id), cell(n.type), cell(`${n.stage}`, true), cell(n.us.toFixed(2), true),
      cell(`${share.toFixed(1)}%`, true));
    return tr;
  });
  table.replaceChildren(head, ...rows);
}

export function installProfile({ $, compiler, getSession, status }) {
  async function profile(graph = getSession().graph) {
    if (!graph) return { error: 'nothing evaluated yet' };
    $('profile-summary').textContent = 'profiling…';
    const result = await compiler.profile(graph, BLOCKS);
    if (result.error) {
      $('profile-summary').textContent = '';
      status(`profile: ${result.error}`, true);
      return result;
    }
    $('profile-summary').textContent = `${result.total_us.toFixed(1)} µs per block of ${result.budget_us.toFixed(0)} `
      + `(${((100 * result.total_us) / result.budget_us).toFixed(1)}%), ${result.blocks} blocks`;
    showTable($('profile-table'), result);
    return result;
  }
  $('profile').onclick = () => profile();
  return profile;
}
