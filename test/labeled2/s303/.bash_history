cd ~/src/api
git pull
export JWT_SECRET=«b44»
npm run dev
kubectl get pods -n prod
