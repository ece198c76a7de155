// The city-reports map (templates/open311_city_reports.mustache): with JavaScript on, draws the
// listed reports that have coordinates as points on an SVG plane (equirectangular, fitted to the
// points), each a link to its item in the list. No tiles, no outside requests (CSP: 'self').
(function () {
  'use strict';
  var fig = document.getElementById('city-map');
  if (!fig) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('.report[data-lat][data-lon]'));
  if (items.length === 0) return;
  var NS = 'http://www.w3.org/2000/svg';
  var W = 640, H = 400, PAD = 24;
  var pts = items.map(function (li) {
    return { lat: parseFloat(li.dataset.lat), lon: parseFloat(li.dataset.lon), id: li.id,
             closed: li.dataset.status === 'closed', title: li.querySelector('h2').textContent.trim() };
  }).filter(function (p) { return isFinite(p.lat) && isFinite(p.lon); });
  if (pts.length === 0) return;
  var minLat = Math.min.apply(null, pts.map(function (p) { return p.lat; }));
  var maxLat = Math.max.apply(null, pts.map(function (p) { return p.lat; }));
  var minLon = Math.min.apply(null, pts.map(function (p) { return p.lon; }));
  var maxLon = Math.max.apply(null, pts.map(function (p) { return p.lon; }));
  var spanLat = Math.max(maxLat - minLat, 0.01), spanLon = Math.max(maxLon - minLon, 0.01);
  var k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);  // degrees of longitude are shorter
  var scale = Math.min((W - 2 * PAD) / (spanLon * k), (H - 2 * PAD) / spanLat);
  // Centred in the frame along the shorter span.
  var offX = (W - 2 * PAD - spanLon * k * scale) / 2, offY = (H - 2 * PAD - spanLat * scale) / 2;
  function x(lon) { return PAD + offX + (lon - minLon) * k * scale; }
  function y(lat) { return H - PAD - offY - (lat - minLat) * scale; }
  var svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  // A group, not an image: an image's children are presentational, which would hide the
  // point-links from assistive technology (axe nested-interactive).
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', fig.dataset.label);
  svg.setAttribute('class', 'city-map-svg');
  var frame = document.createElementNS(NS, 'rect');
  frame.setAttribute('x', 0); frame.setAttribute('y', 0);
  frame.setAttribute('width', W); frame.setAttribute('height', H);
  frame.setAttribute('class', 'city-map-frame');
  svg.appendChild(frame);
  pts.forEach(function (p) {
    var a = document.createElementNS(NS, 'a');
    a.setAttribute('href', '#' + p.id);
    a.setAttribute('aria-label', p.title + ' — ' + (p.closed ? fig.dataset.closed : fig.dataset.open));
    var c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', x(p.lon).toFixed(1));
    c.setAttribute('cy', y(p.lat).toFixed(1));
    c.setAttribute('r', 7);
    c.setAttribute('class', p.closed ? 'city-map-point closed' : 'city-map-point open');
    var t = document.createElementNS(NS, 'title');
    t.textContent = p.title;
    c.appendChild(t);
    a.appendChild(c);
    svg.appendChild(a);
  });
  fig.insertBefore(svg, fig.firstChild);
  fig.hidden = false;
})();
