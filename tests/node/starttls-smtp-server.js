'use strict';
// An SMTP server that offers STARTTLS and requires a login after it, for the tests of the store's SMTP security
// settings (maildev hides STARTTLS). Each message received is written to <mail-dir>/<n>.eml.
// Usage: node starttls-smtp-server.js <port> <cert.pem> <key.pem> <user> <password> <mail-dir>
const fs = require('node:fs');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');

const [port, certFile, keyFile, user, password, mailDir] = process.argv.slice(2);
let received = 0;

const server = new SMTPServer({
  cert: fs.readFileSync(certFile),
  key: fs.readFileSync(keyFile),
  authMethods: ['PLAIN', 'LOGIN'],
  logger: false,
  onAuth(auth, session, callback) {
    if (!session.secure) return callback(new Error('Must issue a STARTTLS command first'));
    if (auth.username === user && auth.password === password) return callback(null, { user });
    return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
  },
  onData(stream, session, callback) {
    const file = path.join(mailDir, `${++received}.eml`);
    stream.pipe(fs.createWriteStream(file + '.partial')).on('finish', () => {
      fs.renameSync(file + '.partial', file);
      callback();
    });
  },
});
server.on('error', error => console.error(error.message));
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
