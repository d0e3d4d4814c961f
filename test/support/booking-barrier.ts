/**
 * Preloaded into a control-plane process (`node --import`) by the graceful-shutdown test, so that its SIGTERM
 * always comes while a booking is under way, however fast the machine: the first booking mark written (the
 * booking's first step; its claims and entry not yet) prints "booking under way" on stdout, and the booking
 * waits there until the process is told to stop.
 */
import { createRequire } from "node:module";
import type * as Mongoose from "mongoose";

// The control plane's own mongoose, and through it its MongoDB driver: the module instance main.js loads.
const requireFromPlane = createRequire(new URL("../../packages/control-plane/package.json", import.meta.url));
const { Collection } = (requireFromPlane("mongoose") as typeof Mongoose).mongo;

let release = () => {};
const stopped = new Promise<void>((resolve) => (release = resolve));
// Heard before main.js's own handler (registered first, so called first): the booking goes on only on the
// next tick, once that handler has begun the stop, so the stop always finds it under way.
process.once("SIGTERM", () => process.nextTick(release));

// Called below with the collection it was called on (apply).
// eslint-disable-next-line @typescript-eslint/unbound-method
const insertOne = Collection.prototype.insertOne;
let held = false;
Collection.prototype.insertOne = async function (this: Mongoose.mongo.Collection, ...args: Parameters<typeof insertOne>) {
  const result = await insertOne.apply(this, args);
  if (this.collectionName === "booking_marks" && !held) {
    held = true;
    console.log("[booking-barrier] booking under way");
    await stopped;
  }
  return result;
} as typeof insertOne;
