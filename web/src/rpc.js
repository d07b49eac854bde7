// Request/reply over a MessagePort or Worker: every request gets an id and
// its promise settles when the reply with that id comes back.
export class Rpc {
  constructor(port, onOther = () => {}) {
    this.port = port;
    this.next = 1;
    this.pending = new Map();
    port.onmessage = ({ data }) => {
      const waiter = data && this.pending.get(data.id);
      if (waiter && waiter.settles(data)) {
        this.pending.delete(data.id);
        waiter.resolve(data);
      } else {
        onOther(data);
      }
    };
  }

  // settles(reply) says which reply ends the request (others go to onReply).
  call(message, transfer = [], { settles = () => true, onReply = () => {} } = {}) {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, {
        resolve,
        settles: (reply) => {
          if (settles(reply)) return true;
          onReply(reply);
          return false;
        },
      });
      this.port.postMessage({ ...message, id }, transfer);
    });
  }
}

// Resolves with the first message of the given type a port or worker posts.
export function first(target, type) {
  return new Promise((resolve, reject) => {
    const previous = target.onmessage;
    target.onmessage = ({ data }) => {
      if (data.type === type) {
        target.onmessage = previous;
        resolve(data);
      } else if (data.type === 'failed') {
        reject(new Error(data.error || 'tala: the engine failed to start'));
      }
    };
  });
}
