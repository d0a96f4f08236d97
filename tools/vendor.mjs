// Copies the front-end packages the pages use from node_modules into
// website/static/website/vendor/, so they are served by the site itself.
import { cpSync, mkdirSync, rmSync } from "node:fs";
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
