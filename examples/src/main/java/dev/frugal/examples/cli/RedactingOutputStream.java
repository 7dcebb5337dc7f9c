package dev.frugal.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Holds what is written until a line ends (or a flush), then passes it on with the {@link Secrets}
 * redacted. A flush keeps back a tail that could be the start of a secret, so a key written in two
 * pieces is still caught. The CLI puts one in front of stdout and stderr, so no message, log line,
 * progress line or JSON output can show a configured key, whichever code wrote it.
 */
final class RedactingOutputStream extends OutputStream {
  private final OutputStream target;
  private final Secrets secrets;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  RedactingOutputStream(OutputStream target, Secrets secrets) {
    this.target = target;
    this.secrets = secrets;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    pending.write(b);
    if (b == '\n') pass();
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) write(b[i]);
  }

  @Override
  public synchronized void flush() throws IOException {
    String raw = pending.toString(StandardCharsets.ISO_8859_1);
    int keep = secrets.possibleStartAtEnd(raw);
    pending.reset();
    pending.write(raw.substring(raw.length() - keep).getBytes(StandardCharsets.ISO_8859_1));
    write(raw.substring(0, raw.length() - keep));
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    pass();
    target.close();
  }

  private void pass() throws IOException {
    if (pending.size() == 0) return;
    String raw = pending.toString(StandardCharsets.ISO_8859_1);
    pending.reset();
    write(raw);
  }

  private void write(String latin1) throws IOException {
    if (latin1.isEmpty()) return;
    target.write(secrets.redactBytes(latin1).getBytes(StandardCharsets.ISO_8859_1));
  }
}
