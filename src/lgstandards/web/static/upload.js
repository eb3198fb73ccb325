/* Upload progress for the "Check a file" form: a progress bar while the file is sent, then a
   note while it is checked. The form works without this script; with it, a file over the limit is
   refused before it is sent, and the server's answer (a report or a refusal) is shown as usual. */
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
    return;
  }
  var group = document.getElementById("upload-progress-group");
  var status = document.getElementById("upload-status");
  var bar = document.getElementById("upload-progress");
  var button = document.getElementById("check-button");
  var limit = parseInt(form.getAttribute("data-max-bytes"), 10);

  function show(doc) {
    // Replace this page's main content with the answer's, as a full page load would.
    var fresh = doc.getElementById("main-content");
    var current = document.getElementById("main-content");
    if (!fresh || !current) {
      status.textContent = "The check could not be completed. Reload the page and try again.";
      return;
    }
    document.title = doc.title;
    current.parentNode.replaceChild(document.importNode(fresh, true), current);
    document.getElementById("main-content").focus();
  }

  function refuse(message) {
    group.hidden = false;
    bar.hidden = true;
    status.textContent = message;
  }

  form.addEventListener("submit", function (event) {
    var input = document.getElementById("file");
    var file = input && input.files && input.files[0];
    if (!file) {
      return; // The server says what is missing, in its own words.
    }
    event.preventDefault();
    if (limit && file.size > limit) {
      refuse("The file is larger than " + form.getAttribute("data-limit") +
             ", the most this service accepts. Compress it with gzip, split it into smaller " +
             "files, or check it with the lgstandards command, which has no limit.");
      return;
    }
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        bar.max = progress.total;
        bar.value = progress.loaded;
        status.textContent = "Sending the file: " +
          Math.floor(100 * progress.loaded / progress.total) + "%";
      }
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = "Sent. Checking the file; a large file takes a minute or two.";
    });
    request.addEventListener("load", function () {
      if (request.status === 200 && request.responseURL.indexOf("/reports/") !== -1) {
        window.location.assign(request.responseURL);
        return;
      }
      show(new DOMParser().parseFromString(request.responseText, "text/html"));
    });
    request.addEventListener("error", function () {
      button.disabled = false;
      refuse("The connection was lost before the check finished. Try again; if the file is " +
             "large, the service may have refused it for its size or the time it took.");
    });
    button.disabled = true;
    group.hidden = false;
    bar.hidden = false;
    status.textContent = "Sending the file: 0%";
    request.send(new FormData(form));
  });
})();
