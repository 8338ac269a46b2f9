// The sign-in form posts with the CSRF token from the XSRF-TOKEN cookie, as the dashboard's own requests do.
(function () {
  const params = new URLSearchParams(location.search);
  const message = document.getElementById('login-message');
  if (params.has('error')) {
    message.textContent = 'Wrong user name or password.';
    message.hidden = false;
  } else if (params.has('signed-out')) {
    message.textContent = 'Signed out.';
    message.hidden = false;
  }
  const csrf = () => (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')) || '').slice(11);
  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new URLSearchParams(new FormData(event.target));
    const response = await fetch('/login', {
      method: 'POST', body, credentials: 'same-origin',
      headers: {'X-XSRF-TOKEN': decodeURIComponent(csrf())}
    });
    location.href = response.url && response.url.includes('error') ? '/login.html?error' : '/';
  });
})();
