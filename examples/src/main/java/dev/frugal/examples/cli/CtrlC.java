package dev.frugal.examples.cli;

import dev.frugal.core.Cancellation;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) during {@code ask}: the first cancels the run through its {@link Cancellation}
 * (the call in flight is abandoned, its reservation settled or released, and the run ends with stop
 * reason {@code cancelled}, its summary printed and {@code run_finished} traced, exit code 4); a
 * second exits at once with 130, the shell's code for an interrupt.
 *
 * <p>The JDK has no supported API for signals; this uses {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}) through reflection. Where it is missing or refuses, nothing is installed and
 * Ctrl-C ends the process as it would without this class.
 */
final class CtrlC implements AutoCloseable {
  private final Object signal; // the sun.misc.Signal for INT, or null when none was installed
  private final Object previous; // the handler it replaced

  private CtrlC(Object signal, Object previous) {
    this.signal = signal;
    this.previous = previous;
  }

  /** Installs the handler until {@link #close()}; never throws. */
  static CtrlC cancels(Cancellation cancellation, PrintStream err) {
    AtomicInteger presses = new AtomicInteger();
    Runnable onInterrupt =
        () -> {
          if (presses.incrementAndGet() == 1) {
            err.println();
            err.println("frugal: cancelling the run (Ctrl-C again to quit at once) ...");
            err.flush();
            cancellation.cancel();
          } else {
            err.println("frugal: quit");
            err.flush();
            Runtime.getRuntime().halt(130);
          }
        };
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance("INT");
      InvocationHandler h =
          (Object proxy, Method m, Object[] args) -> {
            if (m.getName().equals("handle")) {
              onInterrupt.run();
              return null;
            }
            if (m.getName().equals("hashCode")) return System.identityHashCode(proxy);
            if (m.getName().equals("equals")) return proxy == args[0];
            if (m.getName().equals("toString")) return "frugal Ctrl-C handler";
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[] {handlerClass}, h);
      Object previous =
          signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return new CtrlC(signal, previous);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // no signal support here (another JVM, or INT already taken): Ctrl-C keeps its default
      return new CtrlC(null, null);
    }
  }

  /** Puts back the handler that was there before. */
  @Override
  public void close() {
    if (signal == null) return;
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, previous);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // the process is ending anyway; the run's handler stays
    }
  }
}
