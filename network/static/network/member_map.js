// The directory's map view: members from the GeoJSON endpoint, grouped into clusters,
// over outlines of countries and Bulgaria's provinces that the site serves itself.
// An operator's tile server (MAP_TILE_URL) goes underneath when one is set. The page
// only includes this script when some member has a place; the list below the map
// holds every member, so the map adds nothing the keyboard cannot reach otherwise.
(function () {
  "use strict";
  var element = document.getElementById("member-map");
  if (!element || typeof L === "undefined") { return; }
  var data = element.dataset;
  // Leaflet's own zoom buttons are titled in English; the page passes translated titles.
  var map = L.map(element, { zoomControl: false, minZoom: 3, maxZoom: 13 }).setView([42.7, 25.3], 7);
  L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  if (data.tiles) {
    L.tileLayer(data.tiles, {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    }).addTo(map);
  }

  function getJSON(url, accept) {
    return fetch(url, { headers: { Accept: accept } }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // Outlines only (no fill over a tile server's map); provinces finer than countries.
  getJSON(data.basemap, "application/json").then(function (basemap) {
    L.geoJSON(basemap, {
      interactive: false,
      style: function (feature) {
        var province = feature.properties.kind === "province";
        return {
          className: "basemap-" + feature.properties.kind,
          color: "#5b6b73", weight: province ? 0.8 : 1.2,
          fill: !data.tiles, fillColor: province ? "#f6f4ec" : "#e7e4da", fillOpacity: 1
        };
      }
    }).addTo(map).bringToBack();
  });

  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  // A cluster is a button too: its name says how many members it groups.
  map.on("layeradd", function (event) {
    var layer = event.layer;
    if (layer instanceof L.MarkerCluster && layer._icon) {
      layer._icon.setAttribute("aria-label", layer.getChildCount() + " · " + data.cluster);
    }
  });
  getJSON(data.geojson, "application/geo+json").then(function (members) {
    L.geoJSON(members, {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        return L.marker(latlng, { title: name, alt: name });
      },
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
        clusters.addLayer(marker);
      }
    });
    map.addLayer(clusters);
    if (members.features.length) { map.fitBounds(clusters.getBounds(), { maxZoom: 9, padding: [20, 20] }); }
  });
})();
