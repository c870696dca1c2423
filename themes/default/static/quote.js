/* A "Copy" button beside each sentence to quote, for councillors and
   journalists. The sentences are plain text without this script. */
(function () {
  'use strict';
  if (!navigator.clipboard) { return; }
  document.querySelectorAll('.quotes q').forEach(function (q) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-describedby', q.id);
    var status = document.createElement('span');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(q.textContent).then(function () {
        status.textContent = 'Copied';
      }, function () {
        status.textContent = 'Could not copy: select the sentence and copy it';
      });
    });
    q.parentNode.appendChild(document.createTextNode(' '));
    q.parentNode.appendChild(button);
    q.parentNode.appendChild(status);
  });
}());
