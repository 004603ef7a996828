// facefleet's page: recognise an image, enrol faces, manage subjects, watch the service live.
const $ = (id) => document.getElementById(id);
let lastImage = null;
let lastFile = null;

function headers() {
  const key = $('apikey').value;
  return key ? { 'X-API-Key': key } : {};
}

async function api(method, path, body) {
  const res = await fetch(path, { method, body, headers: headers() });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new Error(json.error || res.statusText);
  return json;
}

async function recognize(file) {
  $('error').textContent = '';
  lastFile = file;
  const form = new FormData();
  form.append('inputFile', file);
  const img = new Image();
  img.src = URL.createObjectURL(file);
  await img.decode();
  lastImage = img;
  try {
    // age, gender and expression cost two more nets per face: asked for only when ticked
    const path = $('attributes').checked ? '/api/v1/recognize?attributes=all' : '/api/v1/recognize';
    const result = await api('POST', path, form);
    draw(img, result.faces);
  } catch (e) {
    $('error').textContent = e.message;
    if (e.message.includes('API key')) $('apikey').focus();
  }
}

// "female 26 · happy": a face's attributes in a few words, or '' when none were asked
function attributeText(a) {
  if (!a) return '';
  const who = [a.gender, a.age != null ? Math.round(a.age) : null].filter((v) => v != null).join(' ');
  return [who, a.expression].filter((v) => v).join(' · ');
}

function draw(img, faces) {
  const c = $('photo');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  g.lineWidth = Math.max(2, img.naturalWidth / 400);
  g.font = `${Math.max(14, img.naturalWidth / 60)}px sans-serif`;
  const rows = $('faces').tBodies[0];
  rows.innerHTML = '';
  faces.forEach((f, i) => {
    const [x, y, w, h] = f.box;
    g.strokeStyle = f.known ? '#0a0' : '#d80';
    g.strokeRect(x, y, w, h);
    g.fillStyle = g.strokeStyle;
    g.fillText(`${f.subject} ${f.distance != null ? f.distance.toFixed(2) : ''}`, x, Math.max(14, y - 4));
    const attributes = attributeText(f.attributes);
    if (attributes) g.fillText(attributes, x, y + h + parseInt(g.font, 10) + 2);
    const tr = rows.insertRow();
    tr.className = 'face';
    tr.innerHTML = `<td>${i + 1}</td><td class="subject"></td><td>${f.distance != null ? f.distance.toFixed(3) : '–'}</td><td>${f.score}</td><td class="attributes"></td>`;
    tr.querySelector('.subject').textContent = f.subject;
    tr.querySelector('.attributes').textContent = attributes || '–';
    const td = tr.insertCell();
    const b = document.createElement('button');
    b.textContent = 'enrol as…';
    b.onclick = () => enrolFace(f.box);
    td.appendChild(b);
  });
}

// enrol one face: crop it (with a margin) from the shown image and send it as its own image
async function enrolFace([x, y, w, h]) {
  const name = prompt('Subject name');
  if (!name) return;
  const m = 0.4;
  const c = document.createElement('canvas');
  const sx = Math.max(0, x - w * m), sy = Math.max(0, y - h * m);
  c.width = Math.min(lastImage.naturalWidth - sx, w * (1 + 2 * m));
  c.height = Math.min(lastImage.naturalHeight - sy, h * (1 + 2 * m));
  c.getContext('2d').drawImage(lastImage, sx, sy, c.width, c.height, 0, 0, c.width, c.height);
  const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
  const form = new FormData();
  form.append('inputFile', blob, 'face.png');
  try {
    await api('POST', `/api/v1/subjects/${encodeURIComponent(name)}`, form);
    await subjects();
    if (lastFile) await recognize(lastFile);
  } catch (e) {
    $('error').textContent = e.message;
  }
}

async function subjects() {
  try {
    const list = await api('GET', '/api/v1/subjects');
    const rows = $('subjects').tBodies[0];
    rows.innerHTML = '';
    for (const s of list.subjects) {
      const tr = rows.insertRow();
      tr.insertCell().textContent = s.name;
      tr.insertCell().textContent = s.examples;
      const b = document.createElement('button');
      b.textContent = 'delete';
      b.onclick = async () => { await api('DELETE', `/api/v1/subjects/${encodeURIComponent(s.name)}`); subjects(); };
      tr.insertCell().appendChild(b);
    }
  } catch (e) { $('error').textContent = e.message; }
}

const history = [];
async function live() {
  try {
    const s = await api('GET', '/api/v1/stats');
    for (const k of ['queued', 'inFlight', 'workers']) $(k).textContent = s[k] < 0 ? '–' : s[k];
    $('rate').textContent = s.requestsPerSecond.toFixed(1);
    $('p50').textContent = Math.round(s.latencyP50Ms);
    $('p99').textContent = Math.round(s.latencyP99Ms);
    history.push(s);
    if (history.length > 180) history.shift();
    chart();
  } catch (e) { /* keep the last figures; the next tick retries */ }
}

function chart() {
  const c = $('chart');
  const g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const series = [
    ['queued', '#06c'], ['workers', '#0a0'], ['requestsPerSecond', '#c60'], ['latencyP99Ms', '#b00'],
  ];
  g.font = '12px sans-serif';
  series.forEach(([k, color], i) => {
    const max = Math.max(1, ...history.map((h) => h[k]));
    g.strokeStyle = color;
    g.beginPath();
    history.forEach((h, j) => {
      const px = (j / 179) * (c.width - 10) + 5;
      const py = c.height - 18 - (Math.max(0, h[k]) / max) * (c.height - 30);
      j ? g.lineTo(px, py) : g.moveTo(px, py);
    });
    g.stroke();
    g.fillStyle = color;
    g.fillText(`${k} (max ${Math.round(max)})`, 5 + i * 175, c.height - 3);
  });
}

$('file').onchange = (e) => e.target.files[0] && recognize(e.target.files[0]);
$('drop').ondragover = (e) => e.preventDefault();
$('drop').ondrop = (e) => { e.preventDefault(); if (e.dataTransfer.files[0]) recognize(e.dataTransfer.files[0]); };
$('apikey').onchange = () => { subjects(); live(); };
$('attributes').onchange = () => lastFile && recognize(lastFile);
subjects();
live();
setInterval(live, 1000);
