package dev.h2harness.stream;

/** Which end of the connection an endpoint is; it decides who may open and who may push (§5.1.1, §8.4). */
public enum Role {
  CLIENT,
  SERVER;

  public Role other() {
    return this == CLIENT ? SERVER : CLIENT;
  }

  public static Role of(boolean server) {
    return server ? SERVER : CLIENT;
  }
}
