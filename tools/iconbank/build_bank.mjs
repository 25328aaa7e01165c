// Renders the icon bank data/icons/bank.png + bank.tsv from the icon sets in node_modules/.
// Every concept of sources.tsv is drawn once per style (when the style has it), rasterised by
// rsvg-convert into a 32x32 cell whose grey level is the icon's ink (alpha), so the classifier can
// normalise bank and screen crops the same way. Identical renders of one concept are kept once.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const outDir = process.argv[2] ?? join(here, "..", "..", "data", "icons");
const CELL = 32;
const COLUMNS = 32;

// id -> folder and file-name suffix. Several styles per set so no single drawing style dominates.
const STYLES = [
  ["lucide", "lucide-static/icons", ""],
  ["tabler-outline", "@tabler/icons/icons/outline", ""],
  ["tabler-filled", "@tabler/icons/icons/filled", ""],
  ["bootstrap", "bootstrap-icons/icons", ""],
  ["bootstrap-fill", "bootstrap-icons/icons", "-fill"],
  ["material-filled", "@material-design-icons/svg/filled", ""],
  ["material-outlined", "@material-design-icons/svg/outlined", ""],
  ["heroicons-outline", "heroicons/24/outline", ""],
  ["heroicons-solid", "heroicons/24/solid", ""],
  ["fa-solid", "@fortawesome/fontawesome-free/svgs/solid", ""],
  ["fa-regular", "@fortawesome/fontawesome-free/svgs/regular", ""],
  ["fa-brands", "@fortawesome/fontawesome-free/svgs/brands", ""],
  ["mdi", "@mdi/svg/svg", ""],
  ["mdi-outline", "@mdi/svg/svg", "-outline"],
].map(([id, folder, suffix]) => ({ id, folder: join(modules, folder), suffix }));

function readSources(path) {
  const rows = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [concept, candidates] = line.split("\t");
    if (!candidates) throw new Error(`sources.tsv: no candidates for '${concept}'`);
    rows.push({ concept, candidates: candidates.trim().split(/\s+/) });
  }
  return rows;
}

function pickFile(style, candidates) {
  for (const candidate of candidates) {
    const [prefix, name] = candidate.includes(":") ? candidate.split(":") : ["", candidate];
    if (prefix && !style.id.startsWith(prefix)) continue;
    const file = join(style.folder, name + style.suffix + ".svg");
    if (existsSync(file)) return { file, name: name + style.suffix };
  }
  return null;
}

// The icon's ink as CELL*CELL grey bytes (255 = fully covered), centred in the cell.
function renderInk(svgFile) {
  const png = execFileSync("rsvg-convert", ["-w", String(CELL), "-h", String(CELL), "-a", svgFile]);
  return execFileSync("convert", ["png:-", "-alpha", "extract", "-background", "black", "-gravity", "center",
                                  "-extent", `${CELL}x${CELL}`, "-depth", "8", "gray:-"], { input: png });
}

const sources = readSources(join(here, "sources.tsv"));
const cells = [];
const seen = new Set();
const missing = [];
for (const { concept, candidates } of sources) {
  let found = 0;
  for (const style of STYLES) {
    const pick = pickFile(style, candidates);
    if (!pick) continue;
    const ink = renderInk(pick.file);
    if (ink.length !== CELL * CELL) throw new Error(`bad render of ${pick.file}`);
    const key = concept + createHash("sha1").update(ink).digest("hex");
    if (seen.has(key)) continue;
    seen.add(key);
    cells.push({ concept, style: style.id, name: pick.name, ink });
    ++found;
  }
  if (found < 3) missing.push(`${concept} (${found})`);
}

const rows = Math.ceil(cells.length / COLUMNS);
const atlas = Buffer.alloc(rows * CELL * COLUMNS * CELL);
cells.forEach((cell, i) => {
  const x0 = (i % COLUMNS) * CELL, y0 = Math.floor(i / COLUMNS) * CELL;
  for (let y = 0; y < CELL; ++y) cell.ink.copy(atlas, (y0 + y) * COLUMNS * CELL + x0, y * CELL, (y + 1) * CELL);
});
execFileSync("convert", ["-size", `${COLUMNS * CELL}x${rows * CELL}`, "-depth", "8", "gray:-",
                         "-define", "png:compression-level=9", join(outDir, "bank.png")], { input: atlas });
const index = ["# cell\tconcept\tstyle\tsource icon (cells are 32x32, row-major, 32 per row of bank.png; grey = ink)"];
cells.forEach((c, i) => index.push(`${i}\t${c.concept}\t${c.style}\t${c.name}`));
writeFileSync(join(outDir, "bank.tsv"), index.join("\n") + "\n");
console.log(`${cells.length} icons, ${sources.length} source lines -> ${outDir}`);
if (missing.length) console.log(`concepts with fewer than 3 styles: ${missing.join(", ")}`);
