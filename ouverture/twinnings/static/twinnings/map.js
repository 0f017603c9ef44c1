/* Choropleth world map of twinnings, drawn as SVG with no tile server.
   Shapes: world-atlas (Natural Earth, TopoJSON, ids = ISO 3166 numeric codes),
   decoded with topojson-client; projection: Natural Earth I. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var SCALE = 170;
  // Shapes without an ISO id in world-atlas, counted with the country INSEE attaches them to.
  var BY_NAME = { "Kosovo": "983", "N. Cyprus": "196" };
  var atlas = null;

  function project(lon, lat) {
    var l = lon * Math.PI / 180, p = lat * Math.PI / 180;
    var p2 = p * p, p4 = p2 * p2;
    var x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
    var y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
    return [(x + 2.7354) * SCALE, (1.4221 - y) * SCALE];
  }

  function ringPath(ring) {
    var out = "";
    for (var i = 0; i < ring.length; i++) {
      var xy = project(ring[i][0], ring[i][1]);
      out += (i ? "L" : "M") + xy[0].toFixed(1) + "," + xy[1].toFixed(1);
    }
    return out + "Z";
  }

  function geometryPath(geometry) {
    if (!geometry) return "";
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map(function (rings) { return rings.map(ringPath).join(""); }).join("");
  }

  // Light to dark blue on a logarithmic scale (one big country must not flatten the others).
  function colour(count, max) {
    var t = max > 1 ? Math.log(count) / Math.log(max) : 1;
    var from = [214, 230, 244], to = [8, 48, 107];
    var c = from.map(function (f, i) { return Math.round(f + (to[i] - f) * t); });
    return "rgb(" + c.join(",") + ")";
  }

  function draw(container, data) {
    var world = topojson.feature(atlas, atlas.objects.countries);
    var counts = Object.keys(data).map(function (k) { return data[k].count; });
    var max = counts.length ? Math.max.apply(null, counts) : 0;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + (2 * 2.7354 * SCALE).toFixed(0) + " " + (2 * 1.4221 * SCALE).toFixed(0));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", container.dataset.label || "Carte des jumelages par pays");
    svg.classList.add("twinning-map");
    world.features.forEach(function (feature) {
      var id = feature.id || BY_NAME[feature.properties.name];
      if (id === "010") return; // Antarctica: no twinning, much ink
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", geometryPath(feature.geometry));
      var entry = id && data[id];
      var title = document.createElementNS(SVG, "title");
      if (entry) {
        path.setAttribute("fill", colour(entry.count, max));
        path.setAttribute("data-iso-numeric", id);
        title.textContent = entry.name + " : " + entry.count + " jumelage" + (entry.count > 1 ? "s" : "");
      } else if (id === "250") {
        path.setAttribute("fill", "#f2c14e");
        title.textContent = "France";
      } else {
        path.setAttribute("fill", "#eceff3");
        title.textContent = feature.properties.name;
      }
      path.setAttribute("stroke", "#fff");
      path.setAttribute("stroke-width", "0.4");
      path.appendChild(title);
      svg.appendChild(path);
    });
    container.replaceChildren(svg);
    var legend = document.getElementById(container.dataset.legend);
    if (legend) {
      legend.innerHTML = "";
      if (max) {
        [1, Math.round(Math.sqrt(max)), max].filter(function (v, i, a) { return a.indexOf(v) === i; })
          .forEach(function (v) {
            var item = document.createElement("span");
            item.className = "legend-item";
            item.innerHTML = '<span class="swatch" style="background:' + colour(v, max) + '"></span>' + v;
            legend.appendChild(item);
          });
      }
    }
  }

  function render() {
    var container = document.getElementById("world-map");
    var source = document.getElementById("map-data");
    if (!container || !source) return;
    var data = JSON.parse(source.textContent);
    if (atlas) { draw(container, data); return; }
    fetch(container.dataset.atlas)
      .then(function (response) { return response.json(); })
      .then(function (json) { atlas = json; draw(container, data); })
      .catch(function () { container.textContent = "La carte n'a pas pu être dessinée ; le tableau donne les mêmes chiffres."; });
  }

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
})();
