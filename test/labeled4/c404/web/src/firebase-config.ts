export const firebaseConfig = {
  authDomain: "acme-prod.firebaseapp.com",
  projectId: "acme-prod",
  storageBucket: "acme-prod.appspot.com",
  messagingSenderId: "«d12»",
  appId: "1:«d12»:web:«h22»",
  measurementId: "G-«U10»",
};
