/** Bounded readers that find the embedded manifest store in JPEG and PNG files. */
package dev.provably.nautilus.c2pa.container;
