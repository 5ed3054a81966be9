client = MongoClient("mongodb://localhost:27017/")
