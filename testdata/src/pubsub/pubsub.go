// Package pubsub is a message broker: each subscriber holds a reference on its topic in a
// member ref, unsubscribe moves it out and drops it, publish takes a short-lived reference and
// delivers with select (drop on full, stop on cancellation). The broker's topic map holds no
// reference: a topic lives while it has subscribers or publishers. Mostly correct code; the
// bugs carry the diagnostics refvet must give.
package pubsub

import (
	"context"
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

var (
	ErrClosed  = errors.New("broker closed")
	ErrNoTopic = errors.New("no such topic")
)

type Msg struct {
	Topic string
	Body  []byte
}

// Topic is a reference-counted topic.
type Topic struct {
	refs ref.Count
	name string
	mu   sync.Mutex
	subs map[*Sub]struct{}
}

func (t *Topic) subscribers() []*Sub {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]*Sub, 0, len(t.subs))
	for s := range t.subs {
		out = append(out, s)
	}
	return out
}

// Sub is one subscription; it keeps its topic alive.
type Sub struct {
	topic    *Topic
	topicRef ref.Ref
	ch       chan Msg
}

func (s *Sub) C() <-chan Msg { return s.ch }

type Broker struct {
	mu     sync.Mutex
	closed bool
	topics map[string]*Topic
}

func NewBroker() *Broker { return &Broker{topics: make(map[string]*Topic)} }

// acquireTopic finds or creates name, with a reference in r when err == nil. Correct: a dying
// topic (TryGet fails) is replaced by a fresh one.
func (b *Broker) acquireTopic(name string, r *ref.Ref) (*Topic, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	if t, ok := b.topics[name]; ok && t.refs.TryGet(r) {
		return t, nil
	}
	t := &Topic{name: name, subs: make(map[*Sub]struct{})}
	t.refs.Get(r)
	b.topics[name] = t
	return t, nil
}

// releaseTopic drops r and forgets the topic with its last reference. Correct.
func (b *Broker) releaseTopic(t *Topic, r *ref.Ref) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t.refs.Put(r) && b.topics[t.name] == t {
		delete(b.topics, t.name)
	}
}

// Subscribe registers a subscriber on name. Correct.
func (b *Broker) Subscribe(name string, buf int) (*Sub, error) {
	s := &Sub{ch: make(chan Msg, buf)}
	t, err := b.acquireTopic(name, &s.topicRef)
	if err != nil {
		return nil, err
	}
	s.topic = t
	t.mu.Lock()
	t.subs[s] = struct{}{}
	t.mu.Unlock()
	return s, nil
}

// Unsubscribe detaches s and drops its reference outside the topic's lock. Correct.
func (b *Broker) Unsubscribe(s *Sub) {
	t := s.topic
	if t == nil {
		return
	}
	var r ref.Ref
	t.refs.Move(&r, &s.topicRef)
	s.topic = nil
	t.mu.Lock()
	delete(t.subs, s)
	t.mu.Unlock()
	close(s.ch)
	b.releaseTopic(t, &r)
}

// Resubscribe replaces old by a subscription with a bigger buffer on the same topic. Bug: the
// reference moved into the new subscription is dropped again through old.
func (b *Broker) Resubscribe(old *Sub, buf int) *Sub {
	t := old.topic
	s := &Sub{topic: t, ch: make(chan Msg, buf)}
	t.refs.Move(&s.topicRef, &old.topicRef)
	old.topic = nil
	close(old.ch)
	// delete(t.subs, old) before this line would hide the bug: known engine false negative,
	// see builtindelete.
	b.releaseTopic(t, &old.topicRef) // want `releaseTopic of old.topicRef on t.refs, but its reference was moved out at line 122`
	t.mu.Lock()
	delete(t.subs, old)
	t.subs[s] = struct{}{}
	t.mu.Unlock()
	return s
}

// Publish delivers m to every subscriber of its topic, dropping it for full ones and stopping
// when ctx is done. Correct.
func (b *Broker) Publish(ctx context.Context, m Msg) (int, error) {
	var r ref.Ref
	b.mu.Lock()
	t, ok := b.topics[m.Topic]
	if !ok || !t.refs.TryGet(&r) {
		b.mu.Unlock()
		return 0, ErrNoTopic
	}
	b.mu.Unlock()
	defer b.releaseTopic(t, &r)
	n := 0
	for _, s := range t.subscribers() {
		select {
		case s.ch <- m:
			n++
		case <-ctx.Done():
			return n, ctx.Err()
		default:
		}
	}
	return n, nil
}

// PublishWait is Publish that blocks on full subscribers. Bug: cancellation returns without
// dropping the topic reference.
func (b *Broker) PublishWait(ctx context.Context, m Msg) (int, error) {
	var r ref.Ref
	t, err := b.acquireTopic(m.Topic, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 174`
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range t.subscribers() {
		select {
		case s.ch <- m:
			n++
		case <-ctx.Done():
			return n, ctx.Err()
		}
	}
	b.releaseTopic(t, &r)
	return n, nil
}

// Broadcast delivers m on every topic, reusing one ref across iterations. Correct.
func (b *Broker) Broadcast(m Msg) int {
	b.mu.Lock()
	topics := make([]*Topic, 0, len(b.topics))
	for _, t := range b.topics {
		topics = append(topics, t)
	}
	b.mu.Unlock()
	n := 0
	var r ref.Ref
	for _, t := range topics {
		if !t.refs.TryGet(&r) {
			continue
		}
		for _, s := range t.subscribers() {
			select {
			case s.ch <- m:
				n++
			default:
			}
		}
		b.releaseTopic(t, &r)
	}
	return n
}

// Forward attaches s, which has no topic yet, to t with a reference of its own. Correct.
func (s *Sub) Forward(t *Topic) bool {
	if !t.refs.TryGet(&s.topicRef) {
		return false
	}
	s.topic = t
	return true
}

// Retarget points s at t. Bug: the old topic's reference is overwritten, not dropped.
func (s *Sub) Retarget(t *Topic, r *ref.Ref) {
	if s.topic != nil {
		s.topic = t // want `s.topic = t overwrites the pointer while s.topicRef still holds the reference on the old one`
	}
	t.refs.Move(&s.topicRef, r)
}

// Close unsubscribes every subscriber and refuses new topics. Correct.
func (b *Broker) Close() {
	b.mu.Lock()
	b.closed = true
	topics := make([]*Topic, 0, len(b.topics))
	for _, t := range b.topics {
		topics = append(topics, t)
	}
	b.mu.Unlock()
	for _, t := range topics {
		for _, s := range t.subscribers() {
			b.Unsubscribe(s)
		}
	}
}
