// The city-report maps (issue 14 §7), drawn with the vendored Leaflet (static/vendor/leaflet) on
// elements the templates leave hidden, so that every page works without JavaScript:
//   data-mode="list"  /city-reports: a marker for each listed report that has coordinates
//                     (.report[data-lat][data-lon]), its popup linking to the report's page
//   data-mode="pick"  /city-reports/new: the reports already sent (GET data-requests, the Open311
//                     API) as small circles; a click or tap, or Enter on the focused map (its
//                     centre), chooses the place and fills the form's lat / long fields, which
//                     move the marker when typed in
//   data-mode="one"   a report's page: its point
// data-tiles: the operator's tile URL on this origin ("" draws none); data-boundaries: a GeoJSON
// of the province's boundary and units ("" draws none). The view fits the points, else the
// boundaries, else the world: no place is assumed. Words come from data-* attributes in the
// reader's language. No inline script, no outside request (CSP 'self').
(function () {
  'use strict';
  if (typeof L === 'undefined') return;

  function base(el) {
    el.hidden = false;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', el.dataset.label || '');
    if (!el.clientHeight) el.style.height = '24rem';  // before the site's stylesheet gives it one
    var map = L.map(el, { keyboard: true, worldCopyJump: true });
    if (el.dataset.tiles) {
      var attribution = document.createElement('span');
      attribution.textContent = el.dataset.attribution || '';
      L.tileLayer(el.dataset.tiles, { attribution: attribution.innerHTML, maxZoom: 19 }).addTo(map);
    }
    return map;
  }

  // Fits the view to `bounds` when it is valid; returns whether it did.
  function fit(map, bounds) {
    if (!bounds || !bounds.isValid()) return false;
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    return true;
  }

  // Draws the boundaries file, if any; fits to it when nothing else placed the view.
  function boundaries(el, map, placed) {
    if (!el.dataset.boundaries) return;
    fetch(el.dataset.boundaries, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) {
        if (!geo) return;
        var layer = L.geoJSON(geo, {
          interactive: false,
          style: function () { return { color: '#1d4e89', weight: 1.5, fill: true, fillOpacity: 0.04 }; }
        }).addTo(map);
        layer.bringToBack();
        if (!placed()) fit(map, layer.getBounds());
      })
      .catch(function () { /* the map stays usable without the boundaries */ });
  }

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function popup(title, status, href, follow) {
    var div = document.createElement('div');
    var strong = document.createElement('strong');
    strong.textContent = title;
    div.appendChild(strong);
    div.appendChild(document.createElement('br'));
    div.appendChild(document.createTextNode(status + ' — '));
    div.appendChild(link(href, follow));
    return div;
  }

  function listMode(el) {
    var items = Array.prototype.slice.call(document.querySelectorAll('.report[data-lat][data-lon]'));
    var map = base(el);
    var points = [];
    items.forEach(function (li) {
      var lat = parseFloat(li.dataset.lat), lon = parseFloat(li.dataset.lon);
      if (!isFinite(lat) || !isFinite(lon)) return;
      var closed = li.dataset.status === 'closed';
      var title = li.querySelector('h2').textContent.trim().replace(/\s+/g, ' ');
      var status = closed ? el.dataset.closed : el.dataset.open;
      L.marker([lat, lon], { alt: title + ' — ' + status, title: title, keyboard: true })
        .bindPopup(popup(title, status, li.dataset.url, el.dataset.follow))
        .addTo(map);
      points.push([lat, lon]);
    });
    var placed = fit(map, points.length ? L.latLngBounds(points) : null);
    if (!placed) map.fitWorld();
    boundaries(el, map, function () { return placed; });
    var caption = document.getElementById('city-map-caption');
    if (caption) caption.hidden = false;
  }

  function oneMode(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (!isFinite(lat) || !isFinite(lon)) return;
    var map = base(el);
    L.marker([lat, lon], { alt: el.dataset.here, title: el.dataset.here, keyboard: false }).addTo(map);
    map.setView([lat, lon], 16);
    boundaries(el, map, function () { return true; });
  }

  function pickMode(el) {
    var latInput = document.getElementById('f-lat');
    var lonInput = document.getElementById('f-long');
    var status = document.getElementById('report-map-status');
    if (!latInput || !lonInput) return;
    var map = base(el);
    var marker = null;
    var placed = false;

    function show(latlng) {
      if (!marker) {
        marker = L.marker(latlng, { alt: el.dataset.here, title: el.dataset.here, keyboard: false }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
    }
    function choose(latlng) {
      latlng = latlng.wrap();
      var lat = latlng.lat.toFixed(6), lon = latlng.lng.toFixed(6);
      latInput.value = lat;
      lonInput.value = lon;
      show(latlng);
      if (status) status.textContent = (el.dataset.picked || '').replace('{lat}', lat).replace('{lon}', lon);
    }
    function typed() {
      var lat = parseFloat(latInput.value), lon = parseFloat(lonInput.value);
      if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
      show([lat, lon]);
      return true;
    }

    if (typed()) {
      map.setView(marker.getLatLng(), 16);
      placed = true;
    } else {
      map.fitWorld();
    }
    if (status) status.textContent = el.dataset.keys || '';
    map.on('click', function (e) { choose(e.latlng); });
    el.addEventListener('keydown', function (e) {
      if (e.target !== el || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      choose(map.getCenter());
    });
    latInput.addEventListener('change', function () { if (typed()) map.panTo(marker.getLatLng()); });
    lonInput.addEventListener('change', function () { if (typed()) map.panTo(marker.getLatLng()); });

    // The reports already sent, so that a problem reported twice is seen before it is sent again.
    if (el.dataset.requests) {
      fetch(el.dataset.requests, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) {
          var points = [];
          (Array.isArray(list) ? list : []).forEach(function (r) {
            var lat = parseFloat(r.lat), lon = parseFloat(r.long);
            if (!isFinite(lat) || !isFinite(lon) || typeof r.service_request_id !== 'string') return;
            var title = (r.service_name || '') + ' ' + r.service_request_id;
            var state = r.status === 'closed' ? el.dataset.closed : el.dataset.open;
            L.circleMarker([lat, lon], { radius: 6, color: '#5c5c5c', weight: 1, fillOpacity: 0.5 })
              .bindPopup(popup(title, state, '/city-reports/' + encodeURIComponent(r.service_request_id), el.dataset.follow))
              .addTo(map);
            points.push([lat, lon]);
          });
          if (!placed && points.length) placed = fit(map, L.latLngBounds(points));
        })
        .catch(function () { /* choosing a place works without them */ })
        .then(function () { boundaries(el, map, function () { return placed; }); });
    } else {
      boundaries(el, map, function () { return placed; });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll('.city-map[data-mode]'), function (el) {
    var mode = el.dataset.mode;
    if (mode === 'list') listMode(el);
    else if (mode === 'pick') pickMode(el);
    else if (mode === 'one') oneMode(el);
  });
})();
