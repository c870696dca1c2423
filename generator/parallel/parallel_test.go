package parallel

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryJobOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		counts := make([]atomic.Int32, n)
		if err := Each(context.Background(), 4, n, func(i int) error { counts[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d: job %d ran %d times", n, i, c)
			}
		}
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	err := Each(context.Background(), 1, 100, func(i int) error {
		ran.Add(1)
		if i == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || ran.Load() != 4 {
		t.Errorf("error %v after %d jobs; want boom after 4", err, ran.Load())
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	err := Each(ctx, 1, 100, func(i int) error {
		if ran.Add(1) == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || ran.Load() != 2 {
		t.Errorf("error %v after %d jobs; want cancelled after 2", err, ran.Load())
	}
}

func TestForRunsEveryJob(t *testing.T) {
	var sum atomic.Int64
	For(100, func(i int) { sum.Add(int64(i)) })
	if sum.Load() != 4950 {
		t.Errorf("sum %d, want 4950", sum.Load())
	}
}

func TestLaterGivesTheResultOnceDone(t *testing.T) {
	release := make(chan struct{})
	boom := errors.New("boom")
	wait := Later(func() (int, error) { <-release; return 42, boom })
	close(release)
	for range 2 { // the result may be asked for more than once
		if v, err := wait(); v != 42 || !errors.Is(err, boom) {
			t.Errorf("got %d, %v; want 42, boom", v, err)
		}
	}
}
