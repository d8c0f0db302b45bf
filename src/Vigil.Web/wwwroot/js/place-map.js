// Small maps of places (Platform/Places/PlaceMap.razor): each [data-vigil-map] figure lists its places as JSON
// (label, latitude, longitude, count) and the address of the outline (world-atlas's countries at 1:50m, decoded
// with topojson-client). The map is drawn as SVG over the UK and Ireland, framed on the places; the page already
// lists the same places in words, so without JavaScript nothing is lost and the figure stays hidden.
(() => {
  const maps = [...document.querySelectorAll('[data-vigil-map]:not([data-ready])')];
  if (maps.length === 0 || !window.topojson) {
    return;
  }
  const shown = new Set(['826', '372', '833', '832', '831', '250']);
  const svgNs = 'http://www.w3.org/2000/svg';
  const make = (name, attributes) => {
    const element = document.createElementNS(svgNs, name);
    Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
    return element;
  };

  const draw = (figure, outline) => {
    const places = JSON.parse(figure.dataset.places);
    const width = 320;
    const height = 360;
    // Framed on the places, never tighter than about 500 km (enough coast to know where it is), never wider than Great Britain and Ireland.
    const lats = places.map((p) => p.lat);
    const lons = places.map((p) => p.lon);
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
    const midLon = (Math.min(...lons) + Math.max(...lons)) / 2;
    const across = Math.cos((midLat * Math.PI) / 180);
    const spanLat = Math.min(12, Math.max(4.5, (Math.max(...lats) - Math.min(...lats)) * 1.4, ((Math.max(...lons) - Math.min(...lons)) * 1.4 * across * height) / width));
    const scale = height / spanLat;
    const x = (lon) => width / 2 + (lon - midLon) * across * scale;
    const y = (lat) => height / 2 - (lat - midLat) * scale;

    const svg = make('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'vigil-map__svg' });
    svg.setAttribute('aria-label', figure.dataset.label);
    svg.appendChild(make('rect', { x: 0, y: 0, width, height, class: 'vigil-map__sea' }));
    const countries = window.topojson.feature(outline, outline.objects.countries).features.filter((f) => shown.has(f.id));
    countries.forEach((country) => {
      const polygons = country.geometry.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry.coordinates;
      // Land outside the frame is left out, and what crosses it is held to its edge, so nothing drawn reaches past the map.
      const inFrame = (rings) => rings[0].some(([lon, lat]) => x(lon) >= 0 && x(lon) <= width && y(lat) >= 0 && y(lat) <= height);
      const held = (value, most) => Math.min(most, Math.max(0, value)).toFixed(1);
      const d = polygons.filter(inFrame).flatMap((rings) => rings.map((ring) => `M${ring.map(([lon, lat]) => `${held(x(lon), width)},${held(y(lat), height)}`).join('L')}Z`)).join('');
      if (d) {
        svg.appendChild(make('path', { d, class: 'vigil-map__land' }));
      }
    });
    const most = Math.max(...places.map((p) => p.count));
    places.forEach((place) => {
      const dot = make('circle', { cx: x(place.lon).toFixed(1), cy: y(place.lat).toFixed(1), r: (5 + (7 * place.count) / most).toFixed(1), class: 'vigil-map__place' });
      dot.dataset.place = place.label;
      const title = make('title', {});
      title.textContent = `${place.label}: ${place.count} ${figure.dataset.noun}${place.count === 1 ? '' : 's'}`;
      dot.appendChild(title);
      svg.appendChild(dot);
      // Labels to the right of their dot, or to the left in the frame's right half, so they stay inside the map.
      const left = x(place.lon) > width / 2;
      const label = make('text', { x: (x(place.lon) + (left ? -14 : 14)).toFixed(1), y: (y(place.lat) + 4).toFixed(1), 'text-anchor': left ? 'end' : 'start', class: 'vigil-map__label', 'aria-hidden': 'true' });
      label.textContent = place.label;
      svg.appendChild(label);
    });
    figure.querySelector('[data-vigil-map-canvas]').appendChild(svg);
    figure.hidden = false;
    figure.dataset.ready = 'true';
  };

  fetch(maps[0].dataset.outline, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((outline) => maps.forEach((figure) => draw(figure, outline)))
    .catch(() => {
      // Without the outline the map says nothing the list does not: it stays hidden.
    });
})();
