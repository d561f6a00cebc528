/*
 * Warns before an idle portal session ends and, when it does, ends it and opens the sign-in page. The figures come
 * from the server's own limit for this session (data attributes of #sessionTimer). Every request the page makes
 * restarts the server's idle time, so page loads and PrimeFaces Ajax responses restart the count here too.
 */
(function () {
    'use strict';

    var root = document.getElementById('sessionTimer');
    if (!root) {
        return;
    }
    var idle = Number(root.dataset.idleSeconds) * 1000;
    var lead = Number(root.dataset.warningSeconds) * 1000;
    var warnTimer;
    var endTimer;
    var tick;

    function dialog() {
        return window.PrimeFaces && PrimeFaces.widgets ? PrimeFaces.widgets.sessionWarning : null;
    }

    function warn(deadline) {
        var left = document.getElementById('sessionSecondsLeft');
        var show = function () {
            left.textContent = String(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
        };
        show();
        tick = setInterval(show, 1000);
        if (dialog()) {
            dialog().show();
        }
    }

    function restart() {
        clearTimeout(warnTimer);
        clearTimeout(endTimer);
        clearInterval(tick);
        if (dialog() && dialog().isVisible()) {
            dialog().hide();
        }
        var deadline = Date.now() + idle;
        warnTimer = setTimeout(function () {
            warn(deadline);
        }, idle - lead);
        endTimer = setTimeout(function () {
            window.location.assign(root.dataset.endUrl);
        }, idle);
    }

    restart();
    if (window.jQuery) {
        jQuery(document).on('pfAjaxComplete', restart);
    }
})();
