/*
 * "Sign in with a wallet" and "Link a wallet": the browser's wallet (EIP-1193, window.ethereum) signs, with
 * personal_sign, an EIP-4361 message this server wrote for it; the page's form sends message and signature back.
 * A file of the portal's own, so the Content-Security-Policy needs no inline script.
 */
(function () {
    'use strict';

    function say(button, text) {
        document.getElementById(button.dataset.status).textContent = text;
    }

    function hex(text) {
        return '0x' + Array.from(new TextEncoder().encode(text), function (b) {
            return b.toString(16).padStart(2, '0');
        }).join('');
    }

    function start(button) {
        var wallet = window.ethereum;
        if (!wallet || typeof wallet.request !== 'function') {
            say(button, 'No wallet found in this browser. Install or unlock an Ethereum wallet (a browser extension '
                + 'or a wallet app\'s browser), or use your password.');
            return;
        }
        button.disabled = true;
        say(button, 'Waiting for your wallet to share its address...');
        var address;
        wallet.request({method: 'eth_requestAccounts'}).then(function (accounts) {
            if (!accounts || !accounts.length) {
                throw new Error('the wallet shared no address.');
            }
            address = accounts[0];
            return fetch(button.dataset.messageUrl, {
                method: 'POST', credentials: 'same-origin',
                headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                body: new URLSearchParams({purpose: button.dataset.purpose, address: address})
            });
        }).then(function (response) {
            return response.text().then(function (text) {
                if (!response.ok) {
                    throw new Error(text);
                }
                return text;
            });
        }).then(function (message) {
            say(button, 'Check the message in your wallet and sign it...');
            return wallet.request({method: 'personal_sign', params: [hex(message), address]}).then(function (signature) {
                document.getElementById(button.dataset.messageField).value = message;
                document.getElementById(button.dataset.signatureField).value = signature;
                say(button, 'Checking the signature...');
                document.getElementById(button.dataset.submit).click();
            });
        }).catch(function (error) {
            button.disabled = false;
            say(button, 'The wallet did not sign: ' + ((error && error.message) || error));
        });
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('button[data-purpose]') : null;
        if (button) {
            event.preventDefault();
            start(button);
        }
    });
})();
