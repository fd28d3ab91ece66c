/** The ONNX model analyzer: bounded image decoding, the model's manifest and its identity. */
package dev.provably.nautilus.enclave.analysis.model;
