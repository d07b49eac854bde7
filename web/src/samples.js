// Dropped files and folders become samples: decodeAudioData in the
// background, then tala_add_sample (the engine resamples). A file in a
// folder is a variant of the folder's name (bd/a.wav, bd/b.wav -> bd:0,
// bd:1); a loose file is named after itself.

const AUDIO = /\.(wav|aiff?|flac|mp3|ogg|opus|m4a|webm)$/i;

function readEntries(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

// Every audio file under a dropped entry, with its path.
async function walk(entry, prefix, found) {
  if (entry.isFile) {
    if (AUDIO.test(entry.name)) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      found.push({ file, path: prefix + entry.name });
    }
    return;
  }
  const reader = entry.createReader();
  for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
    for (const child of batch) await walk(child, `${prefix}${entry.name}/`, found);
  }
}

export function sampleName(path) {
  const parts = path.split('/');
  const base = parts.length > 1 ? parts[parts.length - 2] : parts[0].replace(/\.[^.]+$/, '');
  return base.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
}

async function droppedFiles(dataTransfer) {
  const found = [];
  const entries = [...dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (entries.length) {
    for (const e of entries) await walk(e, '', found);
  } else {
    for (const file of dataTransfer.files) if (AUDIO.test(file.name)) found.push({ file, path: file.name });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

// Decodes and adds files one by one; onProgress(done, total, name).
export async function addSamples(engine, files, onProgress) {
  const added = [];
  for (let i = 0; i < files.length; i++) {
    const { file, path } = files[i];
    const name = sampleName(path);
    try {
      const audio = await engine.ctx.decodeAudioData(await file.arrayBuffer());
      const left = audio.getChannelData(0).slice();
      const right = audio.numberOfChannels > 1 ? audio.getChannelData(1).slice() : null;
      const reply = await engine.addSample(name, left, right, audio.sampleRate);
      added.push(reply.error ? `${path}: ${reply.error}` : `${name} <- ${path}`);
    } catch (e) {
      added.push(`${path}: ${e.message || e}`);
    }
    onProgress(i + 1, files.length, name);
  }
  return added;
}

// Makes `target` a drop zone; onAdded(lines) after each drop.
export function installDropZone(target, engine, { progress, onAdded }) {
  target.addEventListener('dragover', (e) => {
    e.preventDefault();
    target.classList.add('dragging');
  });
  target.addEventListener('dragleave', () => target.classList.remove('dragging'));
  target.addEventListener('drop', async (e) => {
    e.preventDefault();
    target.classList.remove('dragging');
    const files = await droppedFiles(e.dataTransfer);
    if (!files.length) return;
    progress.hidden = false;
    progress.max = files.length;
    const lines = await addSamples(engine, files, (done) => { progress.value = done; });
    progress.hidden = true;
    onAdded(lines);
  });
}
