!function(e,t){var n={token:e.token||null,secret:t&&t.secret};window.__cfg=n}(window.cfg,{});
