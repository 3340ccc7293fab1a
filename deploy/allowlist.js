// The proxy's gate (nginx's own JavaScript module, njs 0.7): every task of the posted array is
// checked before anything is forwarded. Only what the studio sends goes through; anything
// else, or an array with one such task, is answered 403 in Runware's error envelope and never
// reaches the upstream. What passes is sent on through an internal location that adds the key:
// tasks that start billed work through one rate limit, polls and the balance through another.

var MODEL = 'klingai:kling-image@o1';

// taskType -> the internal location it goes through.
var ROUTES = {
  imageInference: '/__runware_billed',
  imageUpload: '/__runware_billed',
  getResponse: '/__runware_light',
  accountManagement: '/__runware_light',
};

function envelope(code, message, parameter, task) {
  var error = { code: code, message: message };
  if (parameter) error.parameter = parameter;
  if (task) {
    error.taskType = String(task.taskType);
    error.taskUUID = typeof task.taskUUID === 'string' ? task.taskUUID : 'N/A';
  }
  return JSON.stringify({ errors: [error] });
}

function answer(r, status, body, headers) {
  r.headersOut['Content-Type'] = 'application/json';
  r.headersOut['Cache-Control'] = 'no-store';
  if (headers) {
    for (var k in headers) r.headersOut[k] = headers[k];
  }
  r.return(status, body);
}

// Why this task may not go through, or null.
function refusal(task) {
  if (task === null || typeof task !== 'object' || Array.isArray(task)) {
    return ['forbiddenTask', 'Every task must be an object.', 'taskType'];
  }
  var type = task.taskType;
  if (!Object.prototype.hasOwnProperty.call(ROUTES, type)) {
    return ['forbiddenTask', 'This proxy forwards only what Kling Studio sends; the task type "'
      + type + '" is refused.', 'taskType'];
  }
  if (type === 'imageInference' && task.model !== MODEL) {
    return ['forbiddenModel', 'This proxy forwards only ' + MODEL + '; the model "' + task.model
      + '" is refused.', 'model'];
  }
  if (type === 'accountManagement' && task.operation !== 'getDetails') {
    return ['forbiddenTask', 'This proxy forwards only the account lookup (getDetails); the '
      + 'operation "' + task.operation + '" is refused.', 'operation'];
  }
  return null;
}

// The stricter route of the array's tasks: billed if any task starts billed work.
function route(tasks) {
  for (var i = 0; i < tasks.length; i++) {
    if (ROUTES[tasks[i].taskType] === '/__runware_billed') return '/__runware_billed';
  }
  return '/__runware_light';
}

function forward(r) {
  if (r.method !== 'POST') {
    return answer(r, 405, envelope('methodNotAllowed', 'Send tasks with POST.'), { Allow: 'POST' });
  }
  var tasks;
  try {
    tasks = JSON.parse(r.requestText || '');
  } catch (e) {
    return answer(r, 400, envelope('invalidRequestBody', 'The body is not JSON.'));
  }
  if (!Array.isArray(tasks) || tasks.length === 0) {
    return answer(r, 400, envelope('invalidRequestBody', 'The body must be a JSON array of tasks.'));
  }
  for (var i = 0; i < tasks.length; i++) {
    var why = refusal(tasks[i]);
    if (why) return answer(r, 403, envelope(why[0], why[1], why[2], tasks[i]));
  }
  r.subrequest(route(tasks), { method: 'POST', body: r.requestText }, function (reply) {
    var type = reply.headersOut['Content-Type'] || '';
    if (reply.status === 429 && type.indexOf('json') < 0) {
      // Refused by this proxy's own rate limit (nginx's page is HTML): say so in Runware's
      // words, with when to try again, which the studio honours.
      return answer(r, 429, envelope('tooManyRequests',
        'Slow down: this site allows a limited number of requests a minute.'),
        { 'Retry-After': r.variables.kling_retry_after });
    }
    var headers = {};
    var retry = reply.headersOut['Retry-After'];
    if (retry) headers['Retry-After'] = retry;
    r.headersOut['Content-Type'] = reply.headersOut['Content-Type'] || 'application/json';
    r.headersOut['Cache-Control'] = 'no-store';
    if (retry) r.headersOut['Retry-After'] = retry;
    r.return(reply.status, reply.responseText);
  });
}

// A 401 of the API path without Basic's challenge: the studio says "sign in again" itself,
// instead of the browser prompting in the middle of a job.
function withoutChallenge(r) {
  delete r.headersOut['WWW-Authenticate'];
}

export default { forward, withoutChallenge };
