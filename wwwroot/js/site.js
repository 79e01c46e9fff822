// Small progressive enhancements: copy buttons, destination filter, and self-updating order status.
(function () {
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-copy]');
    if (!button) return;
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    var status = button.closest('.steps') && button.closest('.steps').querySelector('[data-copy-status]');
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = 'Copied';
      button.classList.add('done');
      // Screen readers hear what was copied, not just "Copied".
      if (status) status.textContent = (button.getAttribute('data-copy-label') || 'Text') + ' copied';
      setTimeout(function () { button.textContent = 'Copy'; button.classList.remove('done'); }, 2000);
    });
  });

  var filter = document.querySelector('[data-filter-list]');
  if (filter) {
    var list = document.querySelector(filter.getAttribute('data-filter-list'));
    filter.addEventListener('input', function () {
      if (!list) return;
      var q = filter.value.trim().toLowerCase();
      list.querySelectorAll('li').forEach(function (li) {
        li.hidden = q.length > 0 && li.getAttribute('data-name').indexOf(q) === -1;
      });
    });
  }

  document.querySelectorAll('time[data-relative]').forEach(function (t) {
    var minutes = Math.round((Date.now() - new Date(t.getAttribute('datetime')).getTime()) / 60000);
    if (minutes < 1) t.textContent = 'just now';
    else if (minutes < 60) t.textContent = minutes + ' min ago';
    else if (minutes < 1440) t.textContent = Math.round(minutes / 60) + ' h ago';
  });

  var status = document.getElementById('order-status');
  if (status && status.getAttribute('data-waiting') === 'true') {
    var url = status.getAttribute('data-status-url');
    var delay = 1500;
    var poll = function () {
      fetch(url, { headers: { 'Accept': 'application/json' }, cache: 'no-store' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (s && !s.waiting) { showUpdate(); return; }
          if (s) document.getElementById('status-label').lastChild.textContent = s.status;
          delay = Math.min(delay * 1.3, 10000);
          setTimeout(poll, delay);
        })
        .catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, delay);
  }

  // Swaps the updated order in place rather than reloading, so the status region can announce it (a reload would
  // leave a screen-reader user with no word that the eSIM is ready).
  function showUpdate() {
    fetch(window.location.href, { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        var nextStatus = next.getElementById('order-status');
        if (!nextStatus) throw new Error('no order status');
        ['page-title', 'order-status', 'order-link'].forEach(function (id) {
          var current = document.getElementById(id), replacement = next.getElementById(id);
          if (current && replacement) current.replaceWith(document.importNode(replacement, true));
        });
        var waiting = document.getElementById('waiting');
        if (waiting && !next.getElementById('waiting')) waiting.remove();
        document.title = next.title;
        document.getElementById('status-announcement').textContent = nextStatus.getAttribute('data-announcement');
      })
      .catch(function () { window.location.reload(); });
  }
})();
