// The directory's map view: members from the GeoJSON endpoint, on the configured map tiles.
(function () {
  "use strict";
  var element = document.getElementById("member-map");
  if (!element || typeof L === "undefined") { return; }
  // Leaflet's own zoom buttons are titled in English; the page passes translated titles.
  var map = L.map(element, { zoomControl: false }).setView([42.7, 25.3], 7);
  L.control.zoom({
    zoomInTitle: element.dataset.zoomIn || "Zoom in",
    zoomOutTitle: element.dataset.zoomOut || "Zoom out"
  }).addTo(map);
  // The tile server comes from settings (MAP_TILE_URL); without one, members on a plain ground.
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    }).addTo(map);
  }
  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.name;
          var box = document.createElement("div");
          box.appendChild(link);
          var meta = document.createElement("p");
          meta.textContent = [feature.properties.type, feature.properties.city].filter(Boolean).join(" · ");
          box.appendChild(meta);
          marker.bindPopup(box);
        }
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 10 }); }
    });
})();
