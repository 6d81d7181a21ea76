package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Name is the database's name, for tests that open a second store on it.
func (s *Store) Name() string { return s.db.Name() }

// CollectionCount counts the database's collections.
func (s *Store) CollectionCount(ctx context.Context) (int, error) {
	names, err := s.db.ListCollectionNames(ctx, bson.D{})
	return len(names), err
}
