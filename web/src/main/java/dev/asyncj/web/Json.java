package dev.asyncj.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson {@link ObjectMapper} of the server (thread-safe once configured). */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getMessage(), e);
    }
  }
}
